/**
 * Who can write the policy a release build obeys. The policy is what lifts or sets every lock,
 * so one the till's own user (or any other non-administrator) could write, or point the app at,
 * must not be taken: on macOS and Linux the file and its folders must be root's and writable by
 * no one else; on Windows the %ProgramData% variable is not trusted. Real files, real owners.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicySource } from './policy-source.ts';
import { policyScratch } from './testing/policy-scratch.ts';
import { policyPath } from './policy-path.ts';

const scratch = policyScratch('policy-owner-');
let dir = '';
let source: PolicySource | null = null;

const isRoot = process.platform !== 'win32' && process.getuid?.() === 0;
const policy = (kiosk: boolean): string => JSON.stringify({ settings: { kiosk: { value: kiosk, locked: true } } });

function policyFile(text: string): string {
  dir = scratch.folder();
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, text, { mode: 0o644 });
  fs.chmodSync(file, 0o644);
  return file;
}

describe('where a release build looks on Windows', () => {
  it('ignores a %ProgramData% that points elsewhere; a development build follows it', () => {
    expect(policyPath('win32', { ProgramData: 'C:\\Users\\clerk\\fake' }, { releaseBuild: true })).toBe('C:\\ProgramData\\SocialHub Till\\policy.json');
    expect(policyPath('win32', { ProgramData: 'D:\\ProgramData' }, { releaseBuild: false })).toBe('D:\\ProgramData\\SocialHub Till\\policy.json');
  });
});

describe.skipIf(process.platform === 'win32')('a policy file someone other than root can change', () => {
  it('a file owned by an ordinary user is refused, naming why', () => {
    const file = policyFile(policy(true));
    if (isRoot) fs.chownSync(file, 1000, 1000); // as root: hand it to an ordinary user; otherwise it is this user's already
    source = scratch.open({ path: file, releaseBuild: true, rootOwnedOnly: true, watch: false });
    expect(source.state()).toMatchObject({ status: 'rejected', policy: null, problem: { field: '(file)', message: expect.stringContaining('must be owned by root') as unknown } });
  });

  it.skipIf(!isRoot)('a protected file applies; made writable by others, or put in a folder others can write, it is refused and the last good policy stays', () => {
    const file = policyFile(policy(true));
    source = scratch.open({ path: file, releaseBuild: true, rootOwnedOnly: true, watch: false });
    expect(source.state()).toMatchObject({ status: 'applied', policy: { settings: { kiosk: { value: true } } } });
    fs.writeFileSync(file, policy(false));
    fs.chmodSync(file, 0o666);
    expect(source.reload()).toMatchObject({ status: 'rejected', policy: { settings: { kiosk: { value: true } } } });
    fs.chmodSync(file, 0o644);
    fs.chmodSync(dir, 0o777);
    expect(source.reload()).toMatchObject({ status: 'rejected', policy: { settings: { kiosk: { value: true } } } });
    fs.chmodSync(dir, 0o755);
    expect(source.reload()).toMatchObject({ status: 'applied', policy: { settings: { kiosk: { value: false } } } });
  });

  it.skipIf(!isRoot)('a link to a file in a folder an ordinary user owns is refused', () => {
    const file = policyFile(policy(true));
    const userDir = path.join(dir, 'clerk');
    fs.mkdirSync(userDir);
    fs.writeFileSync(path.join(userDir, 'mine.json'), policy(false));
    fs.chownSync(userDir, 1000, 1000);
    fs.rmSync(file);
    fs.symlinkSync(path.join(userDir, 'mine.json'), file);
    source = scratch.open({ path: file, releaseBuild: true, rootOwnedOnly: true, watch: false });
    expect(source.state()).toMatchObject({ status: 'rejected', policy: null });
  });

  it('holds: without the rule (development, the web host, the CLI) the same file applies', () => {
    const file = policyFile(policy(true));
    if (isRoot) fs.chownSync(file, 1000, 1000);
    source = scratch.open({ path: file, releaseBuild: false, watch: false });
    expect(source.state()).toMatchObject({ status: 'applied' });
  });
});
