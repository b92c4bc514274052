import { defineConfig } from 'vitest/config';

export default defineConfig({
  assetsInclude: ['**/*.wasm'],
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'scripts/**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', 'out/**', '.vite/**'],
    environment: 'node',
    // Hang guards, not performance limits: the integration suites share 2 cores with each other.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // 2 cores here: more workers only add contention to the HTTP/SQLite integration tests.
    maxWorkers: 2,
  },
});
