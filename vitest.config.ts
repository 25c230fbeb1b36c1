import { defineConfig } from "vitest/config"

// Projects: `unit` (no network, no sockets, injected fetch, TestClock: nothing waits for real time),
// `realtime` (real sockets and the wall clock: the stateful HTTP fake, chaos runs, CLIs; one file at
// a time so timing is not skewed by the others, each test and hook bounded), `contract` (the facade
// against a Prism mock that `scripts/contract.ts` starts) and `live` (the real API).
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
          name: "realtime",
          include: ["test/realtime/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false
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
