import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Validators run real tools and the CLI tests spawn node; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
  resolve: {
    alias: {
      'epl-platform/testing': new URL('./synth/testing/index.ts', import.meta.url).pathname,
      'epl-platform': new URL('./constructs/index.ts', import.meta.url).pathname,
    },
  },
});
