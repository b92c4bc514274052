import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { fusePolicy, isTestBuild } from './fuse-policy.ts';

describe('fuse policy', () => {
  it('release builds flip every hardening fuse', () => {
    const f = fusePolicy({ testBuild: false });
    expect(f[FuseV1Options.RunAsNode]).toBe(false);
    expect(f[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(f[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(f[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(f[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(f[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(f[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(f.strictlyRequireAllFuses).toBe(true);
  });

  it('the QA test build differs only in the inspect fuse (Playwright needs it)', () => {
    const release = fusePolicy({ testBuild: false });
    const test = fusePolicy({ testBuild: true });
    expect(test[FuseV1Options.EnableNodeCliInspectArguments]).toBe(true);
    expect({ ...test, [FuseV1Options.EnableNodeCliInspectArguments]: false }).toEqual(release);
  });

  it('sets every fuse the installed @electron/fuses knows', () => {
    const f = fusePolicy({ testBuild: false }) as Record<string, unknown>;
    const indices = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const i of indices) expect(typeof f[String(i)]).toBe('boolean');
  });

  it('only TILL_TEST_BUILD=1 selects the test build', () => {
    expect(isTestBuild({ TILL_TEST_BUILD: '1' })).toBe(true);
    expect(isTestBuild({ TILL_TEST_BUILD: 'true' })).toBe(false);
    expect(isTestBuild({})).toBe(false);
  });
});
