import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import type { RowDetail } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { createFakeBridge, deferred, fail, flush, ok, row } from '../../testing/fake-bridge.ts';
import { createRowBus } from '../row-bus.ts';
import { tillIn } from '../../testing/translators.ts';
import { resolveReasonProblem } from './detail-model.ts';
import { createRowDetailStore } from './row-detail-store.ts';

const ALL_ACTIONS = { verify: true, resend: true, resolve: true, requeue: true };

function detail(overrides: Partial<JournalRow> = {}, actions: Partial<RowDetail['actions']> = {}): RowDetail {
  return { row: row(overrides), attempts: [], history: [], children: [], actions: { ...ALL_ACTIONS, ...actions } };
}

function setup(locale = 'en') {
  const fake = createFakeBridge();
  const bus = createRowBus();
  const announced: JournalRow[] = [];
  bus.subscribe((r) => announced.push(r));
  fake.handle('journalRow', (req) => ok(detail({ id: (req as { id: number }).id, state: 'needs-attention' })));
  const store = createRowDetailStore({ bridge: fake.bridge, rows: bus, translator: tillIn(locale) });
  return { fake, store, announced };
}


describe('journal row detail store', () => {
  it('opens an entry, stacks a related one on top, goes back and closes', async () => {
    const { fake, store } = setup();
    store.getState().show(7);
    await flush();
    expect(store.getState()).toMatchObject({ stack: [7], detail: { row: { id: 7 } }, loadError: null });
    store.getState().openRelated(3);
    await flush();
    expect(store.getState()).toMatchObject({ stack: [7, 3], detail: { row: { id: 3 } } });
    store.getState().back();
    await flush();
    expect(store.getState()).toMatchObject({ stack: [7], detail: { row: { id: 7 } } });
    store.getState().back(); // nothing below the first entry
    store.getState().close();
    expect(store.getState()).toMatchObject({ stack: [], detail: null });
    expect(fake.callsTo('journalRow')).toEqual([{ id: 7 }, { id: 3 }, { id: 7 }]);
  });

  it('drops the answer for an entry that is no longer on top', async () => {
    const { fake, store } = setup();
    const slow = deferred();
    fake.handle('journalRow', (req) => ((req as { id: number }).id === 7 ? slow.promise : ok(detail({ id: 9 }))));
    store.getState().show(7);
    store.getState().show(9);
    await flush();
    slow.resolve(ok(detail({ id: 7 })));
    await flush();
    expect(store.getState()).toMatchObject({ stack: [9], detail: { row: { id: 9 } } });
  });

  it('says why an entry could not be read', async () => {
    const { fake, store } = setup();
    fake.handle('journalRow', () => fail('NOT_FOUND', 'Row 5 does not exist.'));
    store.getState().show(5);
    await flush();
    expect(store.getState()).toMatchObject({ detail: null, loadError: expect.stringMatching(/Row 5 does not exist/) as unknown });
  });

  it('verifies: the fresh row is announced to the lists and the new state is said', async () => {
    const { fake, store, announced } = setup();
    fake.handle('journalVerify', () => ok(detail({ id: 7, state: 'confirmed' })));
    store.getState().show(7);
    await flush();
    await Promise.all([store.getState().act('verify'), store.getState().act('verify')]);
    expect(fake.callsTo('journalVerify')).toEqual([{ id: 7 }]);
    expect(announced.map((r) => [r.id, r.state])).toEqual([[7, 'confirmed']]);
    expect(store.getState()).toMatchObject({ busy: null, detail: { row: { state: 'confirmed' } }, status: expect.stringMatching(/^Checked with SocialHub\. State now: /) as unknown });
  });

  it('resends only after the manager confirmed, and the confirm closes with the answer', async () => {
    const { fake, store } = setup();
    fake.handle('journalResend', () => ok(detail({ id: 7, state: 'queued' })));
    store.getState().show(7);
    await flush();
    store.getState().askResend();
    expect(store.getState().confirmResend).toBe(true);
    store.getState().cancelResend();
    expect(store.getState().confirmResend).toBe(false);
    store.getState().askResend();
    await store.getState().act('resend');
    expect(fake.callsTo('journalResend')).toEqual([{ id: 7 }]);
    expect(store.getState()).toMatchObject({ confirmResend: false, status: expect.stringMatching(/^Queued to send again/) as unknown });
  });

  it('resolves only with a reason long enough, keeps the reason on a refusal and clears it once done', async () => {
    const { fake, store, announced } = setup();
    store.getState().show(7);
    await flush();
    store.getState().setReason(' ok ');
    await store.getState().act('resolve');
    expect(store.getState().reasonError).toBe(resolveReasonProblem(' ok '));
    expect(fake.callsTo('journalResolve')).toHaveLength(0);

    fake.handle('journalResolve', () => fail('INVALID_STATE', 'Row 7 is already final.'));
    store.getState().setReason('  Paid in cash, customer agreed  ');
    await store.getState().act('resolve');
    expect(fake.callsTo('journalResolve')).toEqual([{ id: 7, reason: 'Paid in cash, customer agreed' }]);
    expect(store.getState()).toMatchObject({ reasonError: null, actionError: expect.stringMatching(/already final/) as unknown, reason: '  Paid in cash, customer agreed  ' });
    expect(announced).toHaveLength(0);

    fake.handle('journalResolve', () => ok(detail({ id: 7, state: 'resolved' })));
    await store.getState().act('resolve');
    expect(store.getState()).toMatchObject({ actionError: null, reason: '', status: 'Marked resolved. The reason is kept in the journal.' });
    expect(announced.map((r) => r.state)).toEqual(['resolved']);
  });

  it('re-queues under the corrected member and opens the new entry on top of the refused one', async () => {
    const { fake, store, announced } = setup();
    fake.handle('journalRequeue', () => ok(detail({ id: 12, memberId: 'mb_marcus_webb', state: 'queued' })));
    store.getState().show(7);
    await flush();
    store.getState().setReason('Wrong card scanned by the cashier');
    await store.getState().act('requeue'); // no member typed: nothing is sent
    expect(fake.callsTo('journalRequeue')).toHaveLength(0);
    store.getState().setRequeueMember('  mb_marcus_webb ');
    await store.getState().act('requeue');
    await flush();
    expect(fake.callsTo('journalRequeue')).toEqual([{ id: 7, memberId: 'mb_marcus_webb', reason: 'Wrong card scanned by the cashier' }]);
    expect(announced.map((r) => r.id)).toEqual([12]);
    expect(store.getState()).toMatchObject({ stack: [7, 12], detail: { row: { id: 12 } }, requeueMember: '', reason: '', busy: null });
  });

  it('an answer for an entry closed meanwhile still reaches the lists, but not the drawer', async () => {
    const { fake, store, announced } = setup();
    const answer = deferred();
    fake.handle('journalVerify', () => answer.promise);
    store.getState().show(7);
    await flush();
    const verifying = store.getState().act('verify');
    store.getState().show(8);
    answer.resolve(ok(detail({ id: 7, state: 'confirmed' })));
    await verifying;
    await flush();
    expect(announced.map((r) => r.id)).toEqual([7]);
    expect(store.getState()).toMatchObject({ stack: [8], detail: { row: { id: 8 } }, status: null, busy: null });
  });

  it('speaks the console language', async () => {
    const de = createTranslator('de');
    const { fake, store } = setup('de');
    fake.handle('journalVerify', () => ok(detail({ id: 7, state: 'confirmed' })));
    store.getState().show(7);
    await flush();
    store.getState().setReason('kurz');
    await store.getState().act('resolve');
    expect(store.getState().reasonError).toBe(resolveReasonProblem('kurz', de.t));
    expect(store.getState().reasonError).not.toBe(resolveReasonProblem('kurz'));
    await store.getState().act('verify');
    expect(store.getState().status).not.toMatch(/Checked with SocialHub/);
  });
});
