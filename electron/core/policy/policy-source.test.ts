import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { PolicySource } from './policy-source.ts';
import { policyScratch } from './testing/policy-scratch.ts';
import { policyPath } from './policy-path.ts';
import { checkPolicyText } from './policy-check.ts';

const scratch = policyScratch('till-policy-');
let source: PolicySource | null = null;

const write = (file: string, value: unknown): void => fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
/** Replaced by rename, as deployment tools do. */
function replace(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  write(tmp, value);
  fs.renameSync(tmp, file);
}

describe('where the policy lives', () => {
  it('uses the machine-wide folder of each OS, and TILL_POLICY over it', () => {
    expect(policyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\SocialHub Till\\policy.json');
    expect(policyPath('win32', {})).toBe('C:\\ProgramData\\SocialHub Till\\policy.json');
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/SocialHub Till/policy.json');
    expect(policyPath('linux', {})).toBe('/etc/socialhub-till/policy.json');
    expect(policyPath('linux', { TILL_POLICY: '/tmp/p/policy.json' })).toBe('/tmp/p/policy.json');
  });
});

describe('checking a policy file', () => {
  it('names the field at fault, all or nothing', () => {
    const bad = checkPolicyText(JSON.stringify({ settings: { kiosk: { value: true, locked: true }, earnRule: { value: { pointsPerUnit: -2, rounding: 'floor', applyTierMultiplier: true } } } }), { releaseBuild: true });
    expect(bad).toEqual({ ok: false, field: 'settings.earnRule.value.pointsPerUnit', message: 'points per unit must not be negative' });
    expect(checkPolicyText('{"settings":', { releaseBuild: true })).toMatchObject({ ok: false, field: '(file)', message: 'is not valid JSON' });
    expect(checkPolicyText(JSON.stringify({ settings: { kiosk: { value: 'yes' } } }), { releaseBuild: true })).toMatchObject({ ok: false, field: 'settings.kiosk.value' });
    expect(checkPolicyText(JSON.stringify({ setings: {} }), { releaseBuild: true })).toMatchObject({ ok: false, field: '(file)', message: expect.stringContaining('setings') as unknown });
    expect(checkPolicyText(JSON.stringify({ tillIdPattern: '([' }), { releaseBuild: true })).toMatchObject({ ok: false, field: 'tillIdPattern' });
  });

  it("refuses a base URL its own allow-list does not cover, and plain http outside loopback", () => {
    const policy = (baseUrl: string, allow?: string[]) => JSON.stringify({ settings: { baseUrl: { value: baseUrl, locked: true } }, ...(allow === undefined ? {} : { originAllowList: allow }) });
    expect(checkPolicyText(policy('https://api.chain.example/v2'), { releaseBuild: true })).toMatchObject({ ok: false, field: 'settings.baseUrl.value', message: expect.stringContaining('api.chain.example') as unknown });
    expect(checkPolicyText(policy('https://api.chain.example/v2', ['api.chain.example']), { releaseBuild: true })).toMatchObject({ ok: true });
    expect(checkPolicyText(policy('http://api.chain.example/v2', ['api.chain.example']), { releaseBuild: true })).toMatchObject({ ok: false, field: 'settings.baseUrl.value' });
    expect(checkPolicyText(policy('http://127.0.0.1:9/api/v2'), { releaseBuild: true })).toMatchObject({ ok: false, field: 'settings.baseUrl.value' });
  });

  it('reserves the telemetry and update sections', () => {
    const c = checkPolicyText(JSON.stringify({ telemetry: { otlpEndpoint: 'https://otel.chain.example/v1/metrics' }, updates: { channel: 'pilot' } }), { releaseBuild: true });
    expect(c).toMatchObject({ ok: true, policy: { telemetry: { otlpEndpoint: 'https://otel.chain.example/v1/metrics', traces: false }, updates: { channel: 'pilot' } } });
    expect(checkPolicyText(JSON.stringify({ updates: { channel: 'beta' } }), { releaseBuild: true })).toMatchObject({ ok: false, field: 'updates.channel' });
  });
});

describe('the policy source (a real file, watched)', () => {
  it('applies a policy, keeps the last good one when the file goes bad, and picks up changes without a restart', async () => {
    const file = path.join(scratch.folder(), 'policy.json');
    write(file, { settings: { kiosk: { value: true, locked: true } } });
    source = scratch.open({ path: file, releaseBuild: true, debounceMs: 20 });
    expect(source.state()).toMatchObject({ status: 'applied', problem: null, policy: { settings: { kiosk: { value: true, locked: true } } } });
    const seen: string[] = [];
    source.subscribe((s) => seen.push(s.status));

    replace(file, { settings: { kiosk: { value: true, locked: true }, journalRetentionDays: { value: 3 } } });
    await vi.waitFor(() => expect(source?.state().status).toBe('rejected'), { timeout: 10_000, interval: 20 });
    expect(source.state().problem).toEqual({ field: 'settings.journalRetentionDays.value', message: expect.stringMatching(/7/) as unknown });
    // Nothing of the bad file applies: the last good policy is still in force, whole.
    expect(source.current()?.settings).toEqual({ kiosk: { value: true, locked: true } });

    write(file, { settings: { managerAutoLockMinutes: { value: 2, locked: true } } }); // written in place, not renamed
    await vi.waitFor(() => expect(source?.state().status).toBe('applied'), { timeout: 10_000, interval: 20 });
    expect(source.current()?.settings).toEqual({ managerAutoLockMinutes: { value: 2, locked: true } });

    fs.rmSync(file);
    await vi.waitFor(() => expect(source?.state().status).toBe('none'), { timeout: 10_000, interval: 20 });
    expect(source.current()).toBeNull();
    expect(seen).toEqual(['rejected', 'applied', 'none']);
  });

  it('starts with no policy and in its safe state when the first file it sees is bad', () => {
    const file = path.join(scratch.folder(), 'policy.json');
    write(file, '{"settings": {"mode": {"value": "live", "locked": tru');
    source = scratch.open({ path: file, releaseBuild: true, watch: false });
    expect(source.state()).toMatchObject({ status: 'rejected', policy: null, problem: { field: '(file)' } });
  });

  it('has no policy when the folder does not exist, and finds one deployed later', async () => {
    const root = scratch.folder();
    const file = path.join(root, 'not-yet', 'policy.json');
    source = scratch.open({ path: file, releaseBuild: true, debounceMs: 10, pollMs: 50 });
    expect(source.state().status).toBe('none');
    fs.mkdirSync(path.dirname(file));
    write(file, { settings: { currency: { value: 'EUR', locked: true } } });
    await vi.waitFor(() => expect(source?.state().status).toBe('applied'), { timeout: 10_000, interval: 25 });
    expect(source.current()?.settings.currency).toEqual({ value: 'EUR', locked: true });
  });
});
