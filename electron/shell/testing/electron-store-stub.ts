/**
 * vitest does not transform node_modules, so electron-store's own `import electron from 'electron'`
 * would reach the real package, which then tries to download an Electron binary. For tests this
 * re-creates electron-store 12's constructor over the real `conf` it extends: `name` becomes
 * conf's `configName` and an absolute `cwd` is used as is (what settings-store.ts passes).
 * Use: `vi.mock('electron-store', () => import('../test/test/electron-store-stub.ts'))`.
 */
import Conf from 'conf';
import type { Options } from 'conf';

export default class ElectronStore<T extends Record<string, unknown> = Record<string, unknown>> extends Conf<T> {
  constructor(options: Partial<Options<T>> & { name?: string } = {}) {
    const { name = 'config', ...rest } = options;
    if (rest.cwd === undefined) throw new Error('The electron-store stand-in needs an absolute cwd.');
    super({ ...rest, configName: name });
  }
}
