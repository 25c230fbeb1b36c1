import { defineConfig } from "vitest/config"

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
