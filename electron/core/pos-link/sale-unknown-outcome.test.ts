/**
 * A POS sale whose award or clawback reply is lost after SocialHub applied it (the sandbox applies
 * the write, then drops the socket): the till reports it pending, refuses a cancel or return until
 * it knows, verifies against the ledger instead of resending blindly, and the member's ledger ends
 * with exactly one award and one clawback. Real app core, real sandbox with fault injection over
 * HTTP, real journal file.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { request, posLinkTillHooks } from './testing/pos-http.ts';
import type { Reply } from './testing/pos-http.ts';

describe('lost replies on a POS sale', () => {
  const link = posLinkTillHooks({ settings: { noResendWindowMs: 2000 } });
  const t = link.t;

  /** Long-polls the sale until `done` holds (each poll answers at the first change, or after 30 s). */
  async function until(id: string, done: (r: Reply) => boolean): Promise<Reply> {
    let r = await request(t, 'GET', `/pos/v1/sales/${id}`);
    for (let i = 0; i < 20 && !done(r); i++) r = await request(t, 'GET', `/pos/v1/sales/${id}?wait=30&since=${String(r.body.version)}`);
    return r;
  }
  const entries = (id: string) => link.kit.sandbox().ledger(DEMO.goldMember).filter((e) => JSON.stringify(e).includes(id));

  it('an award whose reply was lost is pending, verified, then awarded once; a cancel whose clawback reply was lost takes the points back once', async () => {
    const id = `U${Date.now().toString(36)}`;
    const balance = link.kit.sandbox().balance(DEMO.goldMember);
    expect((await request(t, 'PUT', `/pos/v1/sales/${id}`, { total: '20.00', currency: 'USD' })).status).toBe(201);
    expect(await link.kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    link.kit.sandbox().addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const awarded = await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember });
    expect(awarded).toMatchObject({ ok: true });
    expect(['checking', 'unknown', 'queued']).toContain((awarded.ok ? (awarded.value as { status: string }) : { status: '' }).status);

    // While the outcome is not known: no second award, no cancel, no return.
    expect(await request(t, 'GET', `/pos/v1/sales/${id}`)).toMatchObject({ body: { state: 'pending' } });
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {})).toMatchObject({ status: 409 });
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/returns/R1`, { total: '5.00' })).toMatchObject({ status: 409 });
    expect(await link.kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await link.kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const done = await until(id, (r) => r.body.state === 'awarded');
    expect(done.body).toMatchObject({ state: 'awarded' });
    const points = done.body.points as number;
    expect(link.kit.sandbox().balance(DEMO.goldMember) - balance).toBe(points);

    link.kit.sandbox().addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const cancelled = await request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {});
    // The receipt must not claim a reversal SocialHub has not confirmed.
    expect(cancelled).toMatchObject({ status: 200, body: { state: 'cancelled', receiptLines: expect.arrayContaining([`Points reversed: ${points} (pending)`]) as unknown } });
    expect(await request(t, 'POST', `/pos/v1/sales/${id}/cancel`, {})).toMatchObject({ status: 200, body: { state: 'cancelled' } });
    const clawbackState = () => link.kit.core.journal.journal().query({ search: id }).rows.find((r) => r.kind === 'clawback')?.state;
    const settled = await until(id, () => clawbackState() === 'confirmed');
    expect(settled.body).toMatchObject({ state: 'cancelled', pointsReversed: points, receiptLines: expect.arrayContaining([`Points reversed: ${points}`]) as unknown });
    const clawbacks = link.kit.core.journal.journal().query({ search: id }).rows.filter((r) => r.kind === 'clawback');
    expect(clawbacks.map((c) => [c.amount, c.state])).toEqual([[-points, 'confirmed']]);
    expect(entries(id)).toHaveLength(2);
    expect(link.kit.sandbox().balance(DEMO.goldMember)).toBe(balance);
  }, 240_000);
});
