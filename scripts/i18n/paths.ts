/** Where the catalogues live and which sources hold messages (shared by the i18n scripts and their test). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LOCALES_DIR = path.join(ROOT, 'shared/i18n/locales');
/** The renderer and every main-side module that defines messages for people. */
export const SOURCE_GLOBS = ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts', 'electron/core/**/*.ts'];
export const IGNORE_GLOBS = ['**/*.test.ts', '**/*.test.tsx', '**/*.d.ts', '**/testing/**', '**/node_modules/**'];
export const PSEUDO = ['en-XA', 'ar-XB'] as const;
