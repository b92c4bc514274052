/**
 * The log scrubber against what a hostile review tried: credentials in HTTP headers and encoded in
 * messages, secrets deep in the fields, POS tokens and the set-up code. Each test writes through
 * the real FileLog and reads the file back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTokenStore } from '../pos-link/token-store.ts';
import { LOG_FILE, openAppLog, registerLogSecret } from './app-log.ts';
import { MAX_ARRAY_ITEMS, MAX_DEPTH, redactFields } from './secret-fields.ts';

const WRITE_KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const POS_TOKEN = 'plk_3b9f0c2e7a1d4f6a8c5e2b7d9f1a3c5e';
const PIN = '246810';

let dir = '';
afterEach(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

async function logged(write: (log: ReturnType<typeof openAppLog>) => void, secrets: readonly string[] = [WRITE_KEY]): Promise<string> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-scrub-'));
  const log = openAppLog({ dataDir: dir, level: 'debug', secrets: () => secrets });
  write(log);
  await log.close();
  return fs.readFileSync(path.join(dir, 'logs', LOG_FILE), 'utf8');
}

function lines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('credentials in HTTP terms', () => {
  it('an Authorization header (capitalised, as fetch/undici report it) with a Basic-encoded key is not written', async () => {
    const basic = Buffer.from(`${WRITE_KEY}:`).toString('base64');
    const text = await logged((log) => log.warn('API call refused', { request: { headers: { Authorization: `Basic ${basic}` } } }));
    expect(text).not.toContain(basic.slice(0, 20));
    expect(lines(text)[0]).toMatchObject({ msg: 'API call refused', request: { headers: { Authorization: '[redacted]' } } });
  });

  it('a key in base64 or base64url inside an error message is not written, at any byte alignment', async () => {
    const encoded = [0, 1, 2].flatMap((n) => {
      const bytes = Buffer.from(`${'x'.repeat(n)}${WRITE_KEY}?`);
      return [bytes.toString('base64'), bytes.toString('base64url')];
    });
    const text = await logged((log) => {
      for (const e of encoded) log.error(`upstream said: bad credentials ${e}`);
    });
    for (const e of encoded) expect(text).not.toContain(e.slice(4, 24));
    expect(lines(text)).toHaveLength(encoded.length);
  });

  it('any Authorization value is withheld whatever its scheme, and Bearer/Basic credentials wherever they appear', async () => {
    const text = await logged((log) => {
      log.warn('refused: Authorization: Digest username="pos", response="6629fae49393a05397450978507c4ef1"');
      log.warn('header authorization=Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag');
      log.warn(`retried with bearer ${POS_TOKEN} and Basic dXNlcjpzM2NyZXQxMjM=`);
      log.warn('Basic settings changed'); // a plain word after the scheme is not a credential
    }, []);
    for (const s of ['6629fae49393a05397450978507c4ef1', 'YIIGhgYGKwYBBQUC', POS_TOKEN, 'dXNlcjpzM2NyZXQxMjM']) expect(text).not.toContain(s);
    expect(lines(text).map((l) => l.msg)).toEqual([
      'refused: Authorization: [redacted]',
      'header authorization=[redacted]',
      'retried with bearer [redacted] and Basic [redacted]',
      'Basic settings changed',
    ]);
  });
});

describe('secret field names', () => {
  it('a PIN three levels deep is redacted like one at the top', async () => {
    const text = await logged((log) => log.warn('pin change refused', { request: { body: { change: { newPin: PIN } } } }));
    expect(text).not.toContain(PIN);
  });

  it('match in any casing and word style, at any depth, inside arrays, and keep what is not secret', async () => {
    const deep = { a: { b: { c: { d: { e: { PIN: PIN, 'X-Api-Key': WRITE_KEY.slice(0, 12), pos_token: 'abc', SetupCode: 'ABCD-EFGH-JKLM', hasPin: true, keyId: 'key_demo_write' } } } } } };
    const text = await logged((log) => log.info('deep', { deep, list: [{ Password: 'hunter2hunter2' }, { clientSecret: 's' }], tokenMask: 'shpos_…a1b2' }), []);
    const line = lines(text)[0];
    expect(line).toMatchObject({
      deep: { a: { b: { c: { d: { e: { PIN: '[redacted]', 'X-Api-Key': '[redacted]', pos_token: '[redacted]', SetupCode: '[redacted]', hasPin: true, keyId: 'key_demo_write' } } } } } },
      list: [{ Password: '[redacted]' }, { clientSecret: '[redacted]' }],
      tokenMask: 'shpos_…a1b2',
    });
    for (const s of [PIN, 'hunter2', 'ABCD-EFGH-JKLM']) expect(text).not.toContain(s);
  });

  it('a cycle, a very deep object, a huge array and an Error are written as markers and fields, not lost', async () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { pin: PIN };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const err = Object.assign(new Error('refused'), { token: 'tok_1234567890abcdef' });
    const text = await logged((log) => log.error('odd shapes', { cyclic, deep, many: Array.from({ length: 5_000 }, (_, i) => ({ i })), err }), []);
    const line = lines(text)[0] as { cyclic: unknown; deep: unknown; many: unknown[]; err: Record<string, unknown> };
    expect(line.cyclic).toEqual({ name: 'loop', self: '[circular]' });
    expect(JSON.stringify(line.deep)).toContain('[too deep]');
    expect(line.many).toHaveLength(MAX_ARRAY_ITEMS + 1);
    expect(line.many.at(-1)).toBe(`[${5_000 - MAX_ARRAY_ITEMS} more]`);
    expect(line.err).toMatchObject({ type: 'Error', message: 'refused', token: '[redacted]' });
    expect(String(line.err.stack)).toContain('refused');
    expect(text).not.toContain('tok_1234567890abcdef');
  });

  it('stop at the depth bound and at the value budget however large the input', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < MAX_DEPTH + 5; i++) deep = { d: deep };
    expect(JSON.stringify(redactFields(deep))).toContain('[too deep]');
    const wide = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i]));
    const out = redactFields(wide) as Record<string, unknown>;
    expect(Object.values(out).filter((v) => v === '[truncated]').length).toBeGreaterThan(0);
  });
});

describe('POS link tokens and the set-up code', () => {
  it('a POS link bearer token in a message is not written (it is not a registered secret)', async () => {
    const text = await logged((log) => log.warn(`POS request refused: Authorization: Bearer ${POS_TOKEN}`, { posToken: POS_TOKEN }));
    expect(text).not.toContain(POS_TOKEN);
  });

  it('a token the POS link issues is scrubbed by its shape wherever it appears, and its mask is kept', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-scrub-'));
    const { token, info } = createTokenStore({ file: path.join(dir, 'pos-token.json') }).create();
    const text = await logged((log) => log.warn(`pasted ${token} into the POS`, { note: `see ${token.slice(0, 30)}`, mask: info.mask }), []);
    expect(text).not.toContain(token.slice(6, 22));
    expect(lines(text)[0]).toMatchObject({ msg: 'pasted shpos_[redacted] into the POS', note: 'see shpos_[redacted]', mask: info.mask });
  });

  it('a registered secret (a rotated POS token, a set-up code) is scrubbed from every log, also one opened before it was registered', async () => {
    const setupCode = 'QW3R-TY7U-PX9Z';
    const rotated = 'rotated-token-f00dfeedbeef0042cafe';
    const text = await logged((log) => {
      registerLogSecret(setupCode);
      registerLogSecret(setupCode.replace(/-/g, ''));
      registerLogSecret(rotated);
      log.warn(`first run: code ${setupCode} (typed as ${setupCode.replace(/-/g, '')})`);
      log.warn('token', { detail: `rotated to ${rotated}`, b64: Buffer.from(rotated).toString('base64') });
    }, []);
    for (const s of [setupCode, setupCode.replace(/-/g, ''), rotated.slice(0, 16), Buffer.from(rotated).toString('base64').slice(0, 16)]) expect(text).not.toContain(s);
    expect(lines(text)).toHaveLength(2);
  });
});

describe('what already held', () => {
  it('a registered key split across a message and a field, URL-encoded, or in a stack trace is scrubbed', async () => {
    const err = new Error(`call to https://x/?k=${encodeURIComponent(WRITE_KEY)} failed`);
    const text = await logged((log) => {
      log.error('call failed', { error: err.message, stack: err.stack });
      log.warn(`first half ${WRITE_KEY.slice(0, 20)}`, { rest: WRITE_KEY.slice(20) });
    });
    expect(text).not.toContain(WRITE_KEY.slice(8, 24));
    expect(text).not.toContain(WRITE_KEY.slice(20, 36));
  });
});
