import { defineConfig } from 'vitest/config';

// Browser tests: Playwright drives Debian's Chromium against the built ui/dist.
export default defineConfig({
  test: {
    include: ['tests/ui/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
