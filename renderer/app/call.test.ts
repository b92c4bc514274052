import { describe, expect, it } from 'vitest';
import { call, errorText, GENERIC_ERROR, readEnvelope } from './call.ts';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { issuesOf } from '../../shared/ipc/envelope.ts';
import { tillInvokeContract } from '../../shared/ipc/schemas/till.ts';

const en = createTranslator('en');

describe('call', () => {
  it('passes values and envelope errors through', async () => {
    expect(await call(() => Promise.resolve({ ok: true, value: 3 }))).toEqual({ ok: true, value: 3 });
    expect(await call(() => Promise.resolve({ ok: false, error: { code: 'OFFLINE', message: 'SocialHub cannot be reached.' } }))).toEqual({
      ok: false,
      error: { code: 'OFFLINE', message: 'SocialHub cannot be reached.' },
    });
  });

  it('turns a rejected call or a malformed answer into a calm generic error', async () => {
    expect(await call(() => Promise.reject(new Error('boom')))).toEqual({ ok: false, error: { code: 'BRIDGE', message: GENERIC_ERROR } });
    expect(readEnvelope(undefined)).toMatchObject({ ok: false, error: { code: 'BRIDGE' } });
    expect(readEnvelope({ ok: 'yes' })).toMatchObject({ ok: false, error: { code: 'BRIDGE' } });
  });

  it('never shows a stack trace or an Error dump', () => {
    const stacky = readEnvelope({ ok: false, error: { code: 'INTERNAL', message: 'TypeError: x is undefined\n    at foo (main.js:1:2)' } });
    expect(stacky).toEqual({ ok: false, error: { code: 'INTERNAL', message: GENERIC_ERROR } });
    expect(readEnvelope({ ok: false, error: { code: 'INTERNAL', message: 'x'.repeat(500) } })).toMatchObject({ error: { message: GENERIC_ERROR } });
  });

  it('names the field in a payload error', () => {
    expect(errorText({ code: 'INVALID_PAYLOAD', message: 'Invalid request', issues: [{ path: ['saleTotal'], message: 'enter an amount' }] }, en)).toBe('Sale total: enter an amount');
    expect(errorText({ code: 'OFFLINE', message: 'Offline.' }, en)).toBe('Offline.');
    expect(errorText({ code: 'LOCKED', message: 'manager session required' }, en)).toBe('The manager console locked itself. Enter the PIN to continue.');
  });
});

describe('errorText in the till language', () => {
  const sent = readEnvelope<unknown>({
    ok: false,
    error: { code: 'CARD_NOT_SHOWN', message: "The member's card is more than 5 minutes old; scan the card again before redeeming.", messageId: 'card.error.staleCoupon', values: { minutes: 5 } },
  });
  const plain = readEnvelope<unknown>({ ok: false, error: { code: 'SALE_NOT_FOUND', message: "Sale T-9 is not in this till's journal." } });

  it('shows main’s message id in the till’s language', () => {
    if (sent.ok) throw new Error('expected an error');
    expect(sent.error.localized).toEqual({ messageId: 'card.error.staleCoupon', values: { minutes: 5 } });
    expect(errorText(sent.error, createTranslator('de'))).toBe('Die Mitgliedskarte ist älter als 5 Minuten; Karte neu scannen, dann einlösen.');
    expect(errorText(sent.error, createTranslator('en'))).toBe(sent.error.message);
  });

  it('without an id: the English message in English, the code’s sentence in any other language', () => {
    if (plain.ok) throw new Error('expected an error');
    expect(errorText(plain.error, createTranslator('en'))).toBe("Sale T-9 is not in this till's journal.");
    expect(errorText(plain.error, createTranslator('es'))).toBe('Esa venta no está en el diario de esta caja.');
  });
});

describe('a field problem in the till’s language', () => {
  const parsed = tillInvokeContract.adjustmentSubmit.request.safeParse({ memberId: 'mb_1', points: 0, reasonCode: 'GOODWILL', note: 'a real reason' });
  if (parsed.success) throw new Error('expected a refusal');
  const error = { code: 'INVALID_PAYLOAD' as const, message: 'The request was not valid.', issues: issuesOf(parsed.error) };

  it('names the field and the problem from the catalogue', () => {
    expect(errorText(error, createTranslator('de'))).toBe('Punkte: Punkte dürfen nicht null sein.');
    expect(errorText(error, createTranslator('en'))).toBe('Points: Points must not be zero.');
  });

  it('without issues: the code’s sentence, not main’s English', () => {
    const de = createTranslator('de');
    expect(errorText({ code: 'INVALID_PAYLOAD', message: 'The request was not valid.' }, de)).toBe(de.t('error.code.INVALID_PAYLOAD'));
  });

  it('names the note, the reason and the reference in the till’s language, not by their machine keys', () => {
    const de = createTranslator('de');
    // What main answers for an adjustment whose note is too short (shared/ipc/issue-messages.ts gives the id).
    const text = errorText(
      { code: 'INVALID_PAYLOAD', message: 'The request was refused.', issues: [{ path: ['note'], message: 'write a note of at least 5 characters', messageId: 'issue.noteShort', values: { min: 5 } }] },
      de,
    );
    expect(text).toContain('5');
    expect(text).not.toMatch(/^note:/);
    expect(text.startsWith(`${de.t('call.field.note')}: `)).toBe(true);
    for (const field of ['reasonCode', 'ref', 'businessDate']) {
      const shown = errorText({ code: 'INVALID_PAYLOAD', message: 'x', issues: [{ path: [field], message: 'invalid' }] }, de);
      expect(shown, field).not.toContain(field);
    }
  });

  it('a field without a label shows just the problem', () => {
    const shown = errorText({ code: 'INVALID_PAYLOAD', message: 'x', issues: [{ path: ['onlyFailures'], message: 'must be a boolean' }] }, en);
    expect(shown).toBe('must be a boolean');
  });
});
