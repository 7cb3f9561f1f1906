import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/temporary-dir.ts'],
    // Timeouts only catch hangs: tests that start a database or spawn the CLI
    // run at whatever speed the machine has, and speed is measured by the bench.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
