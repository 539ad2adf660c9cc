import { defineConfig } from "vitest/config";

/**
 * One `npm test` runs every project against the real Postgres and Redis on 127.0.0.1.
 * global-setup migrates a template database once; each test file clones its own from it.
 */
export default defineConfig({
  test: {
    globalSetup: ["tests/support/global-setup.ts"],
    // Explicit, so CI logs always end with the "Tests  N passed" summary whatever environment vitest detects.
    reporters: ["default"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two files at a time keeps Postgres and PGlite from starving each other.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "domain", include: ["tests/domain/**/*.test.ts"] } },
      { extends: true, test: { name: "http", include: ["tests/http/**/*.test.ts"] } },
      { extends: true, test: { name: "workers", include: ["tests/workers/**/*.test.ts"] } },
      { extends: true, test: { name: "realtime", include: ["tests/realtime/**/*.test.ts"] } },
      { extends: true, test: { name: "knowledge-base", include: ["tests/knowledge-base/**/*.test.ts"] } },
      // Whole help desks in processes of their own, killed and restarted mid-work: minutes, not milliseconds.
      // They run the compiled server and worker (dist/, as `npm start` does): built once before them.
      {
        extends: true,
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          testTimeout: 240_000,
          globalSetup: ["tests/support/build-server.ts"],
        },
      },
      // Tests wait with tests/support/eventually.ts (15 s by default, for a browser on a loaded 2-core machine too).
      { extends: true, test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], testTimeout: 120_000 } },
    ],
  },
});
