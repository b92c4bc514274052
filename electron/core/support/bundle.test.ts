import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { DEMO } from '../../sandbox/server.ts';
import { policyTills } from '../app/testing/policy-till.ts';
import { openAppLog, type FileLog } from '../log/app-log.ts';
import { buildSupportBundle, maskUrl } from './bundle.ts';

const WRITE_KEY = 'fl_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const READ_KEY = 'fl_test_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';

const openPolicyTill = policyTills();

function unzip(file: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(fs.readFileSync(file))).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

describe('the support bundle', () => {
  it('is one zip with logs, versions, masked settings and policy, journal counts, attention rows, activity and the scanner profile, and no secret anywhere', async () => {
    const opened: { log?: FileLog; dataDir?: string } = {};
    const { kit: k } = await openPolicyTill({
      policy: { settings: { kiosk: { value: true, locked: true } }, telemetry: { otlpEndpoint: 'https://otel.chain.example/v1/metrics?api-key=s3cr3t-collector-token' } },
      kit: (dir) => {
        const dataDir = path.join(dir, 'data');
        fs.mkdirSync(dataDir);
        opened.log = openAppLog({ dataDir });
        opened.dataDir = dataDir;
        return { dataDir, logDir: path.join(dataDir, 'logs') };
      },
    });
    const { log, dataDir } = opened;
    if (log === undefined || dataDir === undefined) throw new Error('the kit options were not read');
    log.setSecrets(() => [...k.vault.secrets(), ...k.core.sandbox.secrets()]);
    await k.unlock();
    expect(await k.call('settingsUpdate', { baseUrl: k.sandbox().url })).toMatchObject({ ok: true });
    expect(await k.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: true });
    expect(await k.call('keysSet', { kind: 'read', key: READ_KEY })).toMatchObject({ ok: true });

    // A flow: a card, an award (API activity), and a row that needs a person.
    expect(await k.call('memberCard', { memberId: DEMO.memberWithCoupons })).toMatchObject({ ok: true });
    expect(await k.call('awardSubmit', { memberId: DEMO.memberWithCoupons, posTxnId: 'B1', saleTotal: '19.99' })).toMatchObject({ ok: true });
    const journal = k.core.journal.journal();
    const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T1', posTxnId: 'B2' });
    const { row } = journal.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T1', memberId: DEMO.goldMember, posTxnId: 'B2', amount: 7, description, token: description, nextAttemptAt: Date.now() + 3_600_000 });
    journal.transition(row.id, { from: ['queued'], to: 'needs-attention', actor: 'test', patch: { reasonCode: 'test' } });
    // A careless log line: the log's own scrub must hold, and the bundle's too.
    log.warn(`tried ${WRITE_KEY} and ${k.sandbox().adminToken}`, { readKey: READ_KEY });
    await log.close();

    const saved = await k.call('supportSaveBundle');
    expect(saved).toMatchObject({ ok: true, value: { saved: true } });
    if (!saved.ok || !saved.value.saved) throw new Error('not saved');
    expect(path.dirname(saved.value.path)).toBe(path.join(dataDir, 'support'));
    expect(path.basename(saved.value.path)).toMatch(/^socialhub-till-support-T1-.*\.zip$/);
    expect(fs.statSync(saved.value.path).mode & 0o777).toBe(0o600);

    const files = unzip(saved.value.path);
    expect(Object.keys(files).sort()).toEqual(saved.value.entries);
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'api-activity.json',
      'journal-counts.json',
      'journal-needs-attention.json',
      'logs/till.log',
      'policy.json',
      'pos-link-activity.json',
      'scanner-profile.json',
      'settings.json',
      'versions.json',
    ]);
    const json = (name: string): unknown => JSON.parse(files[name] ?? 'null');
    expect(json('versions.json')).toMatchObject({ app: { name: 'SocialHub Till', version: '0.1.0' }, electron: null, node: process.versions.node, sqlite: expect.stringMatching(/^3\./) as unknown, os: { platform: process.platform } });
    expect(json('settings.json')).toMatchObject({ settings: { kiosk: true, tillId: 'T1' }, lockedByPolicy: ['kiosk'], keys: { write: { configured: true, mask: 'fl_test_…Hj0K' } } });
    expect(json('policy.json')).toMatchObject({ status: 'applied', policy: { telemetry: { otlpEndpoint: 'https://otel.chain.example/v1/metrics?api-key=%E2%80%A6' } } });
    expect(json('journal-counts.json')).toMatchObject({ available: true, countsByState: { 'needs-attention': 1 } });
    expect(json('journal-needs-attention.json')).toMatchObject({ available: true, rows: [{ id: row.id, posTxnId: 'B2', state: 'needs-attention' }] });
    expect((json('api-activity.json') as { calls: unknown[] }).calls.length).toBeGreaterThan(0);
    expect(json('pos-link-activity.json')).toMatchObject({ available: true, entries: [] });
    expect(json('scanner-profile.json')).toMatchObject({ scanner: { terminator: 'enter' } });
    expect(files['logs/till.log']).toContain('tried');

    const everything = Object.values(files).join('\n');
    const sandbox = k.sandbox();
    for (const secret of [WRITE_KEY, READ_KEY, sandbox.keys.write, sandbox.keys.read, sandbox.adminToken, 's3cr3t-collector-token']) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.slice(8, 24));
    }
  });

  it('still makes a bundle without a journal, logs or settings (the CLI on a bare machine), saying what is missing', () => {
    const bundle = buildSupportBundle({ app: { name: 'socialhub-till', version: '0.1.0', packaged: false }, settings: null, policy: null, journal: null, journalProblem: 'No journal file was given.', logDir: null, secrets: () => [] });
    const files = Object.fromEntries(Object.entries(unzipSync(bundle.zip)).map(([n, b]) => [n, strFromU8(b)]));
    expect(JSON.parse(files['journal-counts.json'] ?? '')).toEqual({ available: false, problem: 'No journal file was given.' });
    expect(files['README.txt']).toContain('no log files');
    expect(Object.keys(files).some((n) => n.startsWith('logs/'))).toBe(false);
  });

  it('masks credentials and query values in URLs', () => {
    expect(maskUrl('https://user:pw@otel.example/v1?token=abc&x=1')).toBe('https://otel.example/v1?token=%E2%80%A6&x=%E2%80%A6');
    expect(maskUrl('not a url')).toBe('(not a URL)');
  });
});
