import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql instance: Pothos and Yoga load graphql's CommonJS build through Node, so test code must too
  // (vite would otherwise pick index.mjs and the schema would mix two copies of graphql).
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'data/**', 'test/bench/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
