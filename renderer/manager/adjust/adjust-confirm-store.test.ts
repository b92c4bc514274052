import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import type { WriteOutcome } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { createFakeBridge, deferred, fail, flush, ok, outcome, row } from '../../testing/fake-bridge.ts';
import { createRowBus } from '../row-bus.ts';
import { createAdjustConfirmStore, noteProblem } from './adjust-confirm-store.ts';
import type { AdjustRequest } from './adjust-model.ts';

const COMPENSATION: AdjustRequest = { memberId: 'mb_ava_chen', points: 40, reasonCode: 'CORRECTION', note: 'Reconciliation 2026-11-25: sale T-9 missing', ref: 'dupfix-20261125-0123456789abcdef' };

function setup(translator = tillIn()) {
  const fake = createFakeBridge();
  const bus = createRowBus();
  const announced: JournalRow[] = [];
  bus.subscribe((r) => announced.push(r));
  const confirm = createAdjustConfirmStore({ bridge: fake.bridge, rows: bus, translator });
  return { fake, confirm, announced };
}


describe('adjustment confirm store', () => {
  it("opens reconciliation's compensation with its note editable, sends the edited note once and tells the owner", async () => {
    const { fake, confirm, announced } = setup();
    fake.handle('adjustmentSubmit', () => ok(outcome('confirmed', { row: row({ id: 88, kind: 'adjustment', amount: 40 }), balance: 4990 })));
    const heard: WriteOutcome[] = [];
    confirm.getState().begin('reconcile', COMPENSATION, { noteEditable: true, context: 'SocialHub has no record of this sale.', onSubmitted: (o) => heard.push(o) });
    expect(confirm.getState()).toMatchObject({ open: { owner: 'reconcile', noteEditable: true, context: 'SocialHub has no record of this sale.' }, note: COMPENSATION.note, outcome: null });

    confirm.getState().setNote('  Sale T-9 never reached SocialHub (checked with Sam)  ');
    await Promise.all([confirm.getState().submit(), confirm.getState().submit()]);
    expect(fake.callsTo('adjustmentSubmit')).toEqual([{ ...COMPENSATION, note: 'Sale T-9 never reached SocialHub (checked with Sam)' }]);
    expect(heard.map((o) => o.row?.id)).toEqual([88]);
    expect(announced.map((r) => r.id)).toEqual([88]);
    expect(confirm.getState()).toMatchObject({ busy: false, error: null, outcome: { status: 'confirmed', balance: 4990 } });

    // Once handed to the journal the note no longer changes, and a second submit sends nothing.
    confirm.getState().setNote('changed afterwards');
    await confirm.getState().submit();
    expect(confirm.getState().note).toBe('  Sale T-9 never reached SocialHub (checked with Sam)  ');
    expect(fake.callsTo('adjustmentSubmit')).toHaveLength(1);
  });

  it('closed while the write is out: nothing is shown, but the row is announced and the owner still hears of it', async () => {
    const { fake, confirm, announced } = setup();
    const answer = deferred();
    fake.handle('adjustmentSubmit', () => answer.promise);
    const heard: WriteOutcome[] = [];
    confirm.getState().begin('reconcile', COMPENSATION, { noteEditable: true, onSubmitted: (o) => heard.push(o) });
    const sending = confirm.getState().submit();
    await flush();
    expect(confirm.getState().busy).toBe(true);
    confirm.getState().close();
    answer.resolve(ok(outcome('queued', { row: row({ id: 91, kind: 'adjustment', state: 'queued' }) })));
    await sending;
    expect(confirm.getState()).toMatchObject({ open: null, busy: false, outcome: null, error: null });
    expect(heard.map((o) => o.status)).toEqual(['queued']);
    expect(announced.map((r) => r.id)).toEqual([91]);
  });

  it('a refusal stays on the dialog in the till language, and the manager can send again', async () => {
    const de = createTranslator('de');
    const { fake, confirm } = setup(() => de);
    fake.handle('adjustmentSubmit', () => fail('OFFLINE', 'SocialHub is unreachable.'));
    confirm.getState().begin('adjust', COMPENSATION);
    await confirm.getState().submit();
    expect(confirm.getState()).toMatchObject({ busy: false, outcome: null, open: { owner: 'adjust', noteEditable: false } });
    expect(confirm.getState().error).not.toBeNull();
    fake.handle('adjustmentSubmit', () => ok(outcome('confirmed', { row: row({ id: 92, kind: 'adjustment' }) })));
    await confirm.getState().submit();
    expect(confirm.getState()).toMatchObject({ error: null, outcome: { status: 'confirmed' } });
    expect(fake.callsTo('adjustmentSubmit')).toHaveLength(2);
  });

  it('checks the note length in the till language, without asking main', async () => {
    expect(noteProblem('abcd')).toMatch(/5 to 500/);
    expect(noteProblem('   abcde   ')).toBeNull();
    expect(noteProblem('x'.repeat(501))).toMatch(/5 to 500/);
    const de = createTranslator('de');
    const { fake, confirm } = setup(() => de);
    confirm.getState().begin('reconcile', COMPENSATION, { noteEditable: true });
    confirm.getState().setNote('kurz');
    await confirm.getState().submit();
    expect(confirm.getState().noteError).toBe(noteProblem('kurz', de.t));
    expect(confirm.getState().noteError).not.toBe(noteProblem('kurz'));
    expect(fake.callsTo('adjustmentSubmit')).toHaveLength(0);
  });
});
