/**
 * Settings persisted with electron-store (atomic writes), behind the quarantine logic of
 * electron/core/settings/settings-file.ts. electron-store validates nothing here (no JSON schema:
 * zod is the one validator) and never clears an invalid file (`clearInvalidConfig: false`): a
 * corrupt file makes the constructor or the first read throw, which the core turns into
 * "move it aside, start on defaults, tell the manager".
 */
import Store from 'electron-store';
import type { OpenSettingsBackend } from '../core/settings/settings-file.ts';

export const SETTINGS_FILE_NAME = 'settings';

export function electronStoreBackend(dir: string): OpenSettingsBackend {
  return () => {
    const store = new Store<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, cwd: dir, clearInvalidConfig: false });
    return {
      read: () => store.store,
      write: (settings) => {
        store.store = settings;
      },
    };
  };
}
