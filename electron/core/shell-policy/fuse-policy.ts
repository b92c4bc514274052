/**
 * Which Electron fuses the packaged app flips (checklist #19), as data so a test can hold it.
 *
 * Release builds: no running as Node, no NODE_OPTIONS, no --inspect, only the signed-in-asar app
 * (with integrity validation), encrypted cookies, no extra file:// privileges.
 * The QA test build (TILL_TEST_BUILD=1) keeps the inspect fuse on and nothing else: Playwright's
 * `_electron.launch` hangs when it is off.
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import type { FuseV1Config } from '@electron/fuses';

export function fusePolicy(options: { testBuild: boolean }): FuseV1Config {
  return {
    version: FuseVersion.V1,
    // Every fuse is set explicitly, so an Electron upgrade that adds one fails the build instead of defaulting.
    strictlyRequireAllFuses: true,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: options.testBuild,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}

/** `TILL_TEST_BUILD=1` at packaging time selects the QA build; anything else is a release. */
export function isTestBuild(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.TILL_TEST_BUILD === '1';
}
