import { defineConfig } from "vitest/config"

// vitest 5 reports failures with `Map.groupBy` (Node >= 21). Node 20, which this package
// supports, lacks it: without this polyfill a failing test crashes the reporter and the
// failure is never shown.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    configurable: true,
    writable: true,
    value: <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, Array<T>> => {
      const groups = new Map<K, Array<T>>()
      let index = 0
      for (const item of items) {
        const k = key(item, index++)
        const group = groups.get(k)
        if (group) group.push(item)
        else groups.set(k, [item])
      }
      return groups
    }
  })
}

// Two projects: `unit` (no network, injected fetch, TestClock) and `contract`
// (the facade against a Prism mock that `scripts/contract.ts` starts).
export default defineConfig({
  test: {
    // `npm run test:unit` enforces this: the facade is what users depend on.
    coverage: {
      provider: "v8",
      include: ["src/facade/**/*.ts"],
      reporter: ["text-summary", "text"],
      thresholds: { lines: 90 }
    },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 30_000
        }
      },
      {
        test: {
          name: "contract",
          include: ["test/contract/**/*.test.ts"],
          testTimeout: 30_000,
          fileParallelism: false
        }
      },
      {
        // Real Cal.com response bodies (test/fidelity/corpus) through the facade: no network.
        test: {
          name: "fidelity",
          include: ["test/fidelity/**/*.test.ts"],
          testTimeout: 30_000
        }
      },
      {
        test: {
          name: "live",
          include: ["test/live/**/*.test.ts"],
          testTimeout: 120_000,
          fileParallelism: false
        }
      }
    ]
  }
})
