/**
 * Preload bundle (merged over Forge's defaults: one CJS `preload.cjs`). It runs in a sandboxed
 * renderer, which can `require` only `electron`, so everything else (zod, the contract) is bundled
 * in and no Node built-in may be imported at all.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    sourcemap: false,
    rollupOptions: { external: ['electron', 'electron/renderer'] },
  },
});
