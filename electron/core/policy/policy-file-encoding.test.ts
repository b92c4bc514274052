/**
 * The policy file as Windows tools write it: Windows PowerShell 5.1's `Out-File` and `>` write
 * UTF-16 with a byte-order mark, as does Notepad's "Unicode". A fleet deploying the policy that
 * way must get it applied, not "is not valid JSON" on every till. Real files on disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PolicySource } from './policy-source.ts';
import { policyScratch } from './testing/policy-scratch.ts';

const scratch = policyScratch('policy-encoding-');
let dir = '';
let source: PolicySource | null = null;

const policy = JSON.stringify({ settings: { kiosk: { value: true, locked: true }, language: { value: 'de' } } }, null, 2);

function sourceOver(bytes: Buffer): PolicySource {
  dir = scratch.folder();
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, bytes);
  source = scratch.open({ path: file, releaseBuild: true, watch: false });
  return source;
}

describe('a policy file in the encodings Windows tools write', () => {
  it('UTF-16LE with a byte-order mark (PowerShell 5.1 Out-File) is applied', () => {
    const s = sourceOver(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(policy, 'utf16le')]));
    expect(s.state()).toMatchObject({ status: 'applied', policy: { settings: { kiosk: { value: true, locked: true }, language: { value: 'de' } } } });
  });

  it('UTF-16BE with a byte-order mark is applied', () => {
    const s = sourceOver(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(policy, 'utf16le').swap16()]));
    expect(s.state()).toMatchObject({ status: 'applied', policy: { settings: { kiosk: { value: true } } } });
  });

  it('holds: UTF-8 with and without a byte-order mark is applied; UTF-16 cut mid-character is refused, not half-applied', () => {
    expect(sourceOver(Buffer.from(`\uFEFF${policy}`, 'utf8')).state().status).toBe('applied');
    source?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    expect(sourceOver(Buffer.from(policy, 'utf8')).state().status).toBe('applied');
    source?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(policy, 'utf16le')]);
    expect(sourceOver(utf16.subarray(0, utf16.length - 3)).state()).toMatchObject({ status: 'rejected', policy: null, problem: { field: '(file)' } });
  });
});
