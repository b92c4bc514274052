import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createFakeBridge, fail, flush, ok, outcome, row } from '../../testing/fake-bridge.ts';
import { createRowBus } from '../row-bus.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { createAdjustConfirmStore } from './adjust-confirm-store.ts';
import { createAdjustStore } from './adjust-store.ts';

function setup() {
  const fake = createFakeBridge();
  const bus = createRowBus();
  const announced: JournalRow[] = [];
  bus.subscribe((r) => announced.push(r));
  const confirm = createAdjustConfirmStore({ bridge: fake.bridge, rows: bus, translator: tillIn() });
  const adjust = createAdjustStore({ confirm, translator: tillIn() });
  return { fake, confirm, adjust, announced };
}

function fillTake(adjust: ReturnType<typeof setup>['adjust']) {
  adjust.getState().set('memberId', ' mb_ava_chen ');
  adjust.getState().set('direction', 'take');
  adjust.getState().set('amount', '1,200');
  adjust.getState().set('reasonCode', 'CORRECTION');
  adjust.getState().set('note', 'Entered twice by mistake, asked by Sam');
}

describe('adjustment stores', () => {
  it('shows every problem of the form and opens no confirm', () => {
    const { adjust, confirm } = setup();
    adjust.getState().set('amount', '1.5');
    expect(adjust.getState().review()).toBe(false);
    expect(Object.keys(adjust.getState().errors).sort()).toEqual(['amount', 'memberId', 'note', 'reasonCode']);
    expect(confirm.getState().open).toBeNull();
  });

  it('reviews, confirms once, and starts the form over with the outcome', async () => {
    const { fake, adjust, confirm, announced } = setup();
    fake.handle('adjustmentSubmit', () => ok(outcome('confirmed', { row: row({ id: 61, kind: 'adjustment', amount: -1200 }), message: 'Applied.', balance: 3750 })));
    fillTake(adjust);
    expect(adjust.getState().review()).toBe(true);
    expect(confirm.getState().open).toMatchObject({ owner: 'adjust', noteEditable: false, request: { memberId: 'mb_ava_chen', points: -1200, reasonCode: 'CORRECTION' } });
    const first = confirm.getState().submit();
    const second = confirm.getState().submit();
    await Promise.all([first, second]);
    await confirm.getState().submit();
    expect(fake.callsTo('adjustmentSubmit')).toEqual([{ memberId: 'mb_ava_chen', points: -1200, reasonCode: 'CORRECTION', note: 'Entered twice by mistake, asked by Sam', ref: expect.stringMatching(/^[A-Za-z0-9_-]{8,48}$/) as unknown }]);
    expect(confirm.getState().outcome?.status).toBe('confirmed');
    expect(announced.map((r) => r.id)).toEqual([61]);
    expect(adjust.getState().draft.memberId).toBe('');
    expect(adjust.getState().last).toEqual({ text: 'Last adjustment: Done. New balance: 3,750 points.', rowId: 61 });
    confirm.getState().close();
    expect(confirm.getState().open).toBeNull();
  });

  it('keeps the form when main refuses, and checks an edited note', async () => {
    const { fake, adjust, confirm } = setup();
    fake.handle('adjustmentSubmit', () => fail('INVALID_PAYLOAD', 'The request was refused.', [{ path: ['note'], message: 'write a note of at least 5 characters' }]));
    fillTake(adjust);
    adjust.getState().review();
    confirm.getState().setNote('no');
    await confirm.getState().submit();
    expect(confirm.getState().noteError).toMatch(/5 to 500/);
    expect(fake.callsTo('adjustmentSubmit')).toHaveLength(0);
    confirm.getState().setNote('A proper note');
    await confirm.getState().submit();
    await flush();
    expect(confirm.getState()).toMatchObject({ busy: false, outcome: null, error: expect.stringMatching(/note/i) as unknown });
    expect(adjust.getState().draft.amount).toBe('1,200');
    expect(adjust.getState().last).toBeNull();
  });

  it('sends a retried form under its reference, and a new form under a new one', async () => {
    const { fake, adjust, confirm } = setup();
    const refs = (): unknown[] => fake.callsTo('adjustmentSubmit').map((c) => (c as { ref: string }).ref);
    // The answer is lost on the way: the manager sends the same form again, from the dialog and after reopening it.
    fake.handle('adjustmentSubmit', () => fail('INTERNAL', 'No answer from the till.'));
    fillTake(adjust);
    adjust.getState().review();
    await confirm.getState().submit();
    await confirm.getState().submit();
    confirm.getState().close();
    adjust.getState().review();
    fake.handle('adjustmentSubmit', () => ok(outcome('duplicate', { row: row({ id: 70, kind: 'adjustment' }) })));
    await confirm.getState().submit();
    expect(refs()).toHaveLength(3);
    expect(new Set(refs()).size).toBe(1);

    // Submitted: the next adjustment, even the very same one, is another form.
    fake.handle('adjustmentSubmit', () => ok(outcome('confirmed', { row: row({ id: 71, kind: 'adjustment' }) })));
    fillTake(adjust);
    adjust.getState().review();
    await confirm.getState().submit();
    // Cleared and reset forms start over too.
    adjust.getState().set('note', 'typed, then cleared');
    adjust.getState().clear();
    fillTake(adjust);
    adjust.getState().review();
    await confirm.getState().submit();
    adjust.getState().reset();
    fillTake(adjust);
    adjust.getState().review();
    await confirm.getState().submit();
    expect(refs()).toHaveLength(6);
    expect(new Set(refs()).size).toBe(4);
  });
});
