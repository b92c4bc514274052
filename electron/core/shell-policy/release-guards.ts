/**
 * What a release build refuses at launch, as pure decisions main applies before anything else:
 *
 * - a debugger switch (`--remote-debugging-port`, `--inspect`, …): it would hand the whole main
 *   process, keys included, to whoever can reach the port. The inspect fuse already makes Node
 *   ignore `--inspect` in a release build; Chromium's remote debugging has no fuse, so the app
 *   exits instead of starting with either;
 * - `TILL_DATA_DIR`: a whole data folder (settings, keys, PIN) supplied from outside. Tests and
 *   development need it; a release build keeps its data where the OS says.
 *
 * "Release" = packaged and not the QA test build (TILL_TEST_BUILD=1 at packaging time).
 */

export interface BuildKind {
  readonly packaged: boolean;
  readonly testBuild: boolean;
}

export function isReleaseBuild(build: BuildKind): boolean {
  return build.packaged && !build.testBuild;
}

/** Chromium's remote debugging and Node's/Electron's inspector switches. */
const DEBUG_SWITCHES: ReadonlySet<string> = new Set([
  'remote-debugging-port',
  'remote-debugging-pipe',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-brk-node',
  'debug',
  'debug-brk',
]);

/**
 * The first debugger switch in `argv`, or null. Chromium accepts `--x`, `-x` and (Windows) `/x`,
 * with or without `=value`, and Windows switch names are case-insensitive: all are recognised.
 * Arguments after `--` are checked too: exiting for nothing costs less than guessing wrong.
 */
export function findDebugSwitch(argv: readonly string[], platform: string): string | null {
  for (const arg of argv) {
    const m = /^(?:--|-|\/)([A-Za-z][A-Za-z0-9-]*)(?:=.*)?$/s.exec(arg);
    if (m === null || (arg.startsWith('/') && platform !== 'win32')) continue;
    const name = (m[1] ?? '').toLowerCase();
    if (DEBUG_SWITCHES.has(name)) return `--${name}`;
  }
  return null;
}

/** Why a release build must not start with these arguments, or null to go on. */
export function debugSwitchRefusal(argv: readonly string[], build: BuildKind, platform: string): string | null {
  if (!isReleaseBuild(build)) return null;
  const found = findDebugSwitch(argv, platform);
  return found === null ? null : `SocialHub Till does not start with ${found}: a debugger attached to the till could read its keys.`;
}

export type DataDirDecision = { use: string } | { ignored: string } | null;

/** Whether `TILL_DATA_DIR` is honoured: only outside a release build, and only as an absolute path. */
export function dataDirOverride(env: Readonly<Record<string, string | undefined>>, build: BuildKind, isAbsolute: (p: string) => boolean): DataDirDecision {
  const dir = env.TILL_DATA_DIR;
  if (dir === undefined || dir === '') return null;
  if (isReleaseBuild(build)) return { ignored: 'TILL_DATA_DIR is ignored in a release build.' };
  if (!isAbsolute(dir)) return { ignored: 'TILL_DATA_DIR is ignored: it must be an absolute path.' };
  return { use: dir };
}
