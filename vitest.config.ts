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
    // In CI only, one retry: a few engine tests race a back-off or settle window against the real
    // sandbox and fail on a loaded shared machine at base too (adversarial, redeem-tills,
    // wrong-card). A retry that passes is still listed as flaky in the report.
    retry: process.env.CI ? 1 : 0,
  },
});
