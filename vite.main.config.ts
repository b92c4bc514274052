/**
 * Main-process bundle (merged over Forge's defaults: CJS `main.cjs`, `electron` external).
 * Node built-ins stay external — in particular `node:sqlite`, which the journal uses and which
 * only exists as a `node:`-prefixed module — and so does every `electron/*` entry point.
 * The app icon is copied next to the bundle so Linux windows can use it (only .vite/ is packaged).
 * `TILL_TEST_BUILD` is defined as a boolean constant for electron/main.ts (release guards).
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { isTestBuild } from './electron/core/shell-policy/fuse-policy.ts';

const external = ['electron', /^electron\//, /^node:/, ...builtinModules];

function copyIcon(): Plugin {
  return {
    name: 'till:copy-icon',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'icon.png', source: fs.readFileSync(path.join(import.meta.dirname, 'assets', 'icon.png')) });
    },
  };
}

export default defineConfig({
  // The QA build (TILL_TEST_BUILD=1 at packaging time) is told apart from a release at run time by this constant, not by an environment variable anyone could set.
  define: { TILL_TEST_BUILD: JSON.stringify(isTestBuild(process.env)) },
  build: {
    sourcemap: true,
    rollupOptions: { external },
  },
  plugins: [copyIcon()],
  resolve: { conditions: ['node'] },
});
