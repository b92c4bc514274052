/**
 * Renderer bundle: the React app in renderer/, built to .vite/renderer/main_window, which the
 * app:// protocol serves under the strict CSP. Nothing is inlined (no data: fonts or scripts, no
 * inline modulepreload polyfill), so `script-src 'self'; font-src 'self'` is enough.
 * The camera's decode worker is an ES module worker, so its JavaScript fallback decoder is a
 * separate chunk loaded only when WebAssembly cannot start; ZXing-C++'s .wasm is emitted as a
 * hashed asset next to it and served from the app's own origin like every other file.
 * Also usable without Forge (the e2e web host builds with it): paths fall back to this folder.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig((env) => {
  const projectRoot = typeof env.root === 'string' ? env.root : import.meta.dirname;
  const name = env.forgeConfigSelf !== undefined && 'name' in env.forgeConfigSelf ? env.forgeConfigSelf.name : 'main_window';
  return {
    root: path.join(projectRoot, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: path.join(projectRoot, '.vite', 'renderer', name),
      emptyOutDir: true,
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      sourcemap: false,
    },
    worker: { format: 'es' },
    server: { host: 'localhost', strictPort: false },
  };
});
