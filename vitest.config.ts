import { defineConfig } from "vitest/config"

// Projects: `unit` (no network, no sockets, injected fetch, TestClock: nothing waits for real time),
// `realtime` (real sockets and the wall clock: the stateful HTTP fake, chaos runs, CLIs; one file at
// a time so timing is not skewed by the others, each test and hook bounded), `redis` (the shared
// gate against a real redis-server, the same way), `contract` (the facade
// against a Prism mock that `scripts/contract.ts` starts) and `live` (the real API).
export default defineConfig({
  test: {
    // `npm run test:unit` enforces this: the facade is what users depend on.
    coverage: {
      provider: "v8",
      include: ["src/facade/**/*.ts"],
      // Sharing through Redis needs a real redis-server: the `redis` project tests these two.
      exclude: ["src/facade/SharedGate.ts", "src/facade/RedisClient.ts"],
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
        // Real HTTP servers on 127.0.0.1 that misbehave (late, slow, endless, echoing, lying,
        // redirecting, refusing): the real clock, each case bounded in time.
        test: {
          name: "hostile",
          include: ["test/hostile/**/*.test.ts"],
          testTimeout: 20_000,
          hookTimeout: 10_000
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
        // A real `redis-server` per file (test/redis/support/RedisServer.ts, stopped by PID) and
        // the stateful fake: the shared rate budget and circuit, across worker processes too.
        test: {
          name: "redis",
          include: ["test/redis/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 30_000,
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
