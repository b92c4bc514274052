import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createFakeBridge, fail, flush, ok, row } from '../../testing/fake-bridge.ts';
import { createRowBus } from '../row-bus.ts';
import { createAttentionStore, decisionProblem, draftOf, type ExceptionItem } from './attention-store.ts';

const item = (decision: ExceptionItem['decision'] = null): ExceptionItem => ({
  clawback: row({ id: 40, kind: 'clawback', state: 'confirmed', returnId: 'R-1', amount: -249 }),
  redemptions: [row({ id: 31, kind: 'redeem', couponId: 'cp_ava_coffee', state: 'confirmed' })],
  decision,
});

function setup() {
  const fake = createFakeBridge();
  const bus = createRowBus();
  fake.handle('journalList', () => ok({ rows: [row({ id: 7, state: 'needs-attention' })], next: null, total: 1 }));
  fake.handle('exceptionsList', () => ok({ items: [item()] }));
  const attention = createAttentionStore({ bridge: fake.bridge, rows: bus, translator: tillIn() });
  return { fake, bus, attention };
}

describe('attention store', () => {
  it('loads the unfinished writes and the exceptions while shown, and marks them stale on engine changes', async () => {
    const { fake, attention } = setup();
    attention.getState().journalChanged();
    expect(attention.getState().rowsStale).toBe(false);
    const deactivate = attention.getState().activate();
    await flush();
    expect(fake.callsTo('journalList')).toEqual([{ filter: { states: ['needs-attention', 'unknown'] }, limit: 200 }]);
    expect(attention.getState()).toMatchObject({ total: 1, rowsError: null });
    expect(attention.getState().items).toHaveLength(1);
    attention.getState().journalChanged();
    expect(attention.getState()).toMatchObject({ rowsStale: true, itemsStale: true });
    await attention.getState().loadRows();
    expect(attention.getState().rowsStale).toBe(false);
    deactivate();
    expect(attention.getState().active).toBe(false);
  });

  it('reloads the unfinished list at once when a manager action changes a row (the drawer resolved it)', async () => {
    const { fake, bus, attention } = setup();
    attention.getState().activate();
    await flush();
    fake.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
    bus.changed(row({ id: 7, state: 'resolved' }));
    await flush();
    expect(attention.getState().rows).toEqual([]);
  });

  it('records an exception decision only when chosen and described, and shows the decided list', async () => {
    const { fake, attention } = setup();
    fake.handle('exceptionResolve', () => ok({ items: [item({ note: 'Reinstated for the member', at: 1, by: 'manager' })] }));
    attention.getState().activate();
    await flush();
    expect(await attention.getState().decide(40)).toBe(false);
    expect(draftOf(attention.getState(), 40).problem).toBe('Choose what was done.');
    attention.getState().setDecision(40, 'other');
    attention.getState().setWords(40, 'hm');
    expect(await attention.getState().decide(40)).toBe(false);
    expect(fake.callsTo('exceptionResolve')).toHaveLength(0);
    attention.getState().setDecision(40, 'reinstated');
    attention.getState().setWords(40, ' gave the coffee back ');
    expect(await attention.getState().decide(40)).toBe(true);
    expect(fake.callsTo('exceptionResolve')).toEqual([{ clawbackId: 40, note: 'Reinstated for the member. gave the coffee back' }]);
    expect(draftOf(attention.getState(), 40)).toMatchObject({ busy: false, saved: 'Decision recorded.', problem: null });
    expect(attention.getState().items?.[0]?.decision?.note).toBe('Reinstated for the member');
  });

  it('keeps the form and says why when main refuses the decision', async () => {
    const { fake, attention } = setup();
    fake.handle('exceptionResolve', () => fail('INTERNAL', 'The journal could not be written.'));
    attention.getState().setDecision(40, 'kept');
    expect(await attention.getState().decide(40)).toBe(false);
    expect(draftOf(attention.getState(), 40)).toMatchObject({ decision: 'kept', busy: false, error: 'The journal could not be written.' });
  });

  it('explains decision problems', () => {
    expect(decisionProblem(null, '')).toMatch(/Choose/);
    expect(decisionProblem('other', 'abc')).toMatch(/at least 5/);
    expect(decisionProblem('kept', '')).toBeNull();
  });
});
