/**
 * The fleet policy against a hostile reading: what the POS link reads, the telemetry endpoint rule,
 * clearing the till id, an oversized file, and a policy deployed through symlinks (real files,
 * real links, real watchers).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkPolicyText } from './policy-check.ts';
import { frozenByPolicy, policyOverlay, policyRefusal } from './managed-settings.ts';
import { MAX_POLICY_BYTES } from './policy-source.ts';
import { policyPath } from './policy-path.ts';
import type { PolicySource } from './policy-source.ts';
import { policyScratch } from './testing/policy-scratch.ts';
import { defaultSettings, settingsSchema } from '../settings/settings-schema.ts';
import { startTelemetry } from '../telemetry/telemetry.ts';
import { updateConfigFromEnv } from '../update/update-feed.ts';
import { tillPolicySchema } from '../../../shared/policy/policy-schema.ts';

const scratch = policyScratch('policy-hardening-');
let source: PolicySource | null = null;
const tmp = (): string => scratch.folder();
const dev = { releaseBuild: false };
const kioskPolicy = (kiosk: boolean): string => JSON.stringify({ settings: { kiosk: { value: kiosk, locked: true } } });

describe('what the POS link reads under a policy', () => {
  const stored = settingsSchema.parse({ ...defaultSettings(), posLink: { ...defaultSettings().posLink, enabled: true, port: 9100 } });

  it('a policy that locks the POS link off turns it off in the settings the POS link reads, keeping the rest of the group', () => {
    const policy = tillPolicySchema.parse({ settings: { posLink: { value: { enabled: false }, locked: true } } });
    expect(policyOverlay(stored, policy).posLink).toEqual({ ...stored.posLink, enabled: false });
    const on = tillPolicySchema.parse({ settings: { posLink: { value: { enabled: true } } } });
    expect(policyOverlay({ ...stored, posLink: { ...stored.posLink, enabled: false } }, on).posLink.enabled).toBe(true);
  });

  it('a lock on the POS link refuses turning it on or off, not its port or options', () => {
    const policy = tillPolicySchema.parse({ settings: { posLink: { locked: true } } });
    expect(policyRefusal({ posLink: { enabled: true } }, policy)?.fields).toEqual(['posLink']);
    expect(policyRefusal({ posLink: { port: 9200, autoAwardWhenCardShown: true } }, policy)).toBeNull();
  });
});

describe('policy refusals', () => {
  it('an OTLP endpoint the telemetry module refuses (user:password@) is refused by the policy check, naming the field', () => {
    const endpoint = 'https://till:s3cret@otel.chain.example:4318';
    // The same value makes startTelemetry throw: a policy that passes must never crash the core.
    expect(() => startTelemetry({ endpoint, resource: { storeId: 's', tillId: 't', appVersion: '1' }, journalStats: () => null, log: { warn: () => undefined } })).toThrow();
    expect(checkPolicyText(JSON.stringify({ telemetry: { otlpEndpoint: endpoint } }), dev)).toMatchObject({ ok: false, field: 'telemetry.otlpEndpoint', message: expect.stringContaining('user name or password') as unknown });
    expect(checkPolicyText(JSON.stringify({ telemetry: { otlpEndpoint: 'https://otel.chain.example:4318' } }), dev)).toMatchObject({ ok: true });
  });

  it('an update feed with a user name or password is refused by the policy check and from the environment, by the one rule', () => {
    const feedUrl = 'https://ci:t0ken@updates.chain.example/till';
    expect(checkPolicyText(JSON.stringify({ updates: { feedUrl } }), dev)).toMatchObject({ ok: false, field: 'updates.feedUrl', message: 'must not carry a user name or password' });
    expect(() => updateConfigFromEnv({ TILL_UPDATE_FEED_URL: feedUrl })).toThrow('TILL_UPDATE_FEED_URL: must not carry a user name or password');
    expect(checkPolicyText(JSON.stringify({ updates: { feedUrl: 'https://updates.chain.example/till', channel: 'pilot' } }), dev)).toMatchObject({ ok: true });
  });

  it('clearing the till id (null) is checked against the policy till-id pattern like any other value', () => {
    const policy = tillPolicySchema.parse({ tillIdPattern: 'T[0-9]{2}' });
    expect(policyRefusal({ tillId: null }, policy)).toMatchObject({ fields: ['tillId'], message: expect.stringContaining('cannot be cleared') as unknown });
    expect(policyRefusal({ tillId: 'T07' }, policy)).toBeNull();
    expect(policyRefusal({ tillId: null }, tillPolicySchema.parse({}))).toBeNull();
  });

  it('a till reset keeps what the policy locks without a value, and only that', () => {
    const current = settingsSchema.parse({ ...defaultSettings(), storeId: 'st_nyc_01', kiosk: true, journalRetentionDays: 400, posLink: { enabled: true, port: 9100 } });
    const policy = tillPolicySchema.parse({ settings: { storeId: { locked: true }, kiosk: { value: false, locked: true }, posLink: { locked: true }, journalRetentionDays: { value: 30 } } });
    expect(frozenByPolicy(current, policy)).toEqual({ storeId: 'st_nyc_01', posLink: { ...defaultSettings().posLink, enabled: true } });
    expect(frozenByPolicy(current, null)).toEqual({});
  });
});

describe('the policy file on disk', () => {
  it('a release build ignores TILL_POLICY: whoever starts the app cannot hand it a policy of their own', () => {
    expect(policyPath('linux', { TILL_POLICY: '/tmp/mine/policy.json' }, { releaseBuild: true })).toBe('/etc/socialhub-till/policy.json');
    expect(policyPath('darwin', { TILL_POLICY: '/tmp/mine/policy.json' }, { releaseBuild: true })).toBe('/Library/Application Support/SocialHub Till/policy.json');
    expect(policyPath('linux', { TILL_POLICY: '/tmp/mine/policy.json' }, { releaseBuild: false })).toBe('/tmp/mine/policy.json');
  });

  it('a huge policy file is refused as too large instead of being read and parsed whole', () => {
    const d = tmp();
    const file = path.join(d, 'policy.json');
    // 8 MiB of whitespace around a valid policy.
    fs.writeFileSync(file, `{"settings":{"kiosk":{"value":true,"locked":true}}}${' '.repeat(8 * 1024 * 1024)}`);
    source = scratch.open({ path: file, releaseBuild: false, watch: false });
    expect(source.state()).toMatchObject({ status: 'rejected', policy: null, problem: { field: '(file)', message: expect.stringContaining('too large') as unknown } });
  });

  it('a file over the limit keeps the last good policy; one just under it is read', () => {
    const d = tmp();
    const file = path.join(d, 'policy.json');
    fs.writeFileSync(file, kioskPolicy(true));
    source = scratch.open({ path: file, releaseBuild: false, watch: false });
    const good = kioskPolicy(false);
    fs.writeFileSync(file, good + ' '.repeat(MAX_POLICY_BYTES - good.length + 1));
    expect(source.reload()).toMatchObject({ status: 'rejected', policy: { settings: { kiosk: { value: true } } }, problem: { field: '(file)' } });
    fs.writeFileSync(file, good + ' '.repeat(MAX_POLICY_BYTES - good.length));
    expect(source.reload()).toMatchObject({ status: 'applied', policy: { settings: { kiosk: { value: false } } } });
  });

  it('something other than a plain file at the policy path is refused, not read', () => {
    const d = tmp();
    const file = path.join(d, 'policy.json');
    fs.mkdirSync(file);
    source = scratch.open({ path: file, releaseBuild: false, watch: false });
    expect(source.state()).toMatchObject({ status: 'rejected', problem: { field: '(file)', message: 'is not a plain file' } });
  });

  it('holds: a half-written file keeps the last good policy and names the problem', () => {
    const d = tmp();
    const file = path.join(d, 'policy.json');
    fs.writeFileSync(file, JSON.stringify({ settings: { mode: { value: 'sandbox', locked: true } } }));
    source = scratch.open({ path: file, releaseBuild: true, watch: false });
    fs.writeFileSync(file, '{"settings":{"mode":{"value":"li');
    expect(source.reload()).toMatchObject({ status: 'rejected', policy: { settings: { mode: { value: 'sandbox', locked: true } } }, problem: { field: '(file)' } });
    fs.writeFileSync(file, JSON.stringify({ settings: { journalRetentionDays: { value: -1 } } }));
    expect(source.reload()).toMatchObject({ status: 'rejected', policy: { settings: { mode: { value: 'sandbox' } } } });
    expect(source.state().problem?.field).toMatch(/journalRetentionDays/);
  });

  it('holds: allow-list bypasses in a policy base URL are refused', () => {
    for (const url of [
      'https://api.socialhub.ai@evil.example/v2',
      'https://evil.example#.socialhub.ai',
      'https://evil.example\\.socialhub.ai/v2',
      'http://api.socialhub.ai/v2',
      'https://socialhub.ai.evil.example/v2',
      'https://xn--socialhub-xyz.ai/v2',
      'https://[::1]/v2',
    ]) {
      const check = checkPolicyText(JSON.stringify({ settings: { baseUrl: { value: url, locked: true } } }), { releaseBuild: true });
      expect(check.ok, url).toBe(false);
    }
  });
});

describe('a policy deployed as a symlink, picked up live', () => {
  /** `etc/policy.json` → `store/v1.json`, as config management lays it out. */
  function linked(): { etc: string; store: string; file: string; v1: string } {
    const d = tmp();
    const etc = path.join(d, 'etc');
    const store = path.join(d, 'store');
    fs.mkdirSync(etc);
    fs.mkdirSync(store);
    const v1 = path.join(store, 'v1.json');
    fs.writeFileSync(v1, kioskPolicy(false));
    const file = path.join(etc, 'policy.json');
    fs.symlinkSync(v1, file);
    return { etc, store, file, v1 };
  }
  const kioskNow = (): boolean | undefined => source?.current()?.settings.kiosk?.value;

  it('sees the target rewritten in place, outside the watched folder', async () => {
    const { file, v1 } = linked();
    // The poll is slow here: the target's folder watch is what must see it.
    source = scratch.open({ path: file, releaseBuild: false, debounceMs: 5, pollMs: 60_000 });
    expect(kioskNow()).toBe(false);
    fs.writeFileSync(v1, kioskPolicy(true));
    await vi.waitFor(() => expect(kioskNow()).toBe(true), { timeout: 5000, interval: 20 });
  });

  it('sees the link swapped to a new target (ln -sfn: a new link renamed over the old one)', async () => {
    const { etc, store, file } = linked();
    source = scratch.open({ path: file, releaseBuild: false, debounceMs: 5, pollMs: 60_000 });
    const v2 = path.join(store, 'v2.json');
    fs.writeFileSync(v2, kioskPolicy(true));
    const tmpLink = path.join(etc, '.policy.json.tmp');
    fs.symlinkSync(v2, tmpLink);
    fs.renameSync(tmpLink, file);
    await vi.waitFor(() => expect(kioskNow()).toBe(true), { timeout: 5000, interval: 20 });
    // And the new target is followed in turn.
    fs.writeFileSync(v2, kioskPolicy(false));
    await vi.waitFor(() => expect(kioskNow()).toBe(false), { timeout: 5000, interval: 20 });
  });

  it('sees a swapped `..data` link under the file (the layout of a Kubernetes config map)', async () => {
    const d = tmp();
    const mount = path.join(d, 'mount');
    fs.mkdirSync(path.join(mount, '..v1'), { recursive: true });
    fs.mkdirSync(path.join(mount, '..v2'));
    fs.writeFileSync(path.join(mount, '..v1', 'policy.json'), kioskPolicy(false));
    fs.writeFileSync(path.join(mount, '..v2', 'policy.json'), kioskPolicy(true));
    fs.symlinkSync('..v1', path.join(mount, '..data'));
    const file = path.join(mount, 'policy.json');
    fs.symlinkSync(path.join('..data', 'policy.json'), file);
    source = scratch.open({ path: file, releaseBuild: false, debounceMs: 5, pollMs: 60_000 });
    expect(kioskNow()).toBe(false);
    fs.symlinkSync('..v2', path.join(mount, '..data_tmp'));
    fs.renameSync(path.join(mount, '..data_tmp'), path.join(mount, '..data'));
    await vi.waitFor(() => expect(kioskNow()).toBe(true), { timeout: 5000, interval: 20 });
  });

  it('a policy deployed as a symlink is picked up live (watchers and poll together)', async () => {
    const { file, v1 } = linked();
    source = scratch.open({ path: file, releaseBuild: false, debounceMs: 5, pollMs: 20 });
    fs.writeFileSync(v1, kioskPolicy(true));
    await vi.waitFor(() => expect(kioskNow()).toBe(true), { timeout: 5000, interval: 20 });
  });
});
