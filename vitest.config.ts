import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    // natural prints dotenv lines on import; keep stdout clean in every worker.
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
