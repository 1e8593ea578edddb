import { defineConfig } from 'vitest/config';

// `npm run bench:queue`: the Video ID queue store measured by `cargo xtask bench`. Kept
// apart from the unit and browser tests, which never time anything.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    testTimeout: 300_000,
  },
});
