import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRuntime } from './runtime.ts';
import type { SoundKind } from './sound.ts';
import { avaCard, createFakeBridge, fail, flush, ok, settingsFixture } from '../testing/fake-bridge.ts';

function setup(active: EventTarget | null = null) {
  const fake = createFakeBridge();
  fake.handle('memberCard', (req) => ok(avaCard({ memberId: (req as { memberId: string }).memberId })));
  fake.handle('couponRedeem', () => ok({ verdict: 'honor', reason: 'Redeemed.', couponId: 'cp_ava_coffee', redeemedByThisTillAt: null, row: null }));
  fake.handle('statusGet', () => ok({ mode: 'sandbox', online: true, onlineSince: 1, detail: null, queue: { counts: { queued: 2, sending: 1, unknown: 1, verifying: 0, 'needs-attention': 1 }, unfinished: 5, oldestUnfinishedAt: 1 }, storeId: 'st_1', tillId: 'till_1', writesStopped: null }));
  fake.handle('settingsGet', () => ok(settingsFixture()));
  fake.handle('appInfo', () => ok({ name: 'x', version: '1', platform: 'linux', packaged: false, mode: 'sandbox', storage: { backend: 'unknown', protected: false, available: false, optedInPlainText: false, optedInAt: null, warning: null }, notices: [] }));
  const sounds: SoundKind[] = [];
  const runtime = createRuntime(fake.bridge, { sound: { play: (k) => sounds.push(k) }, activeElement: () => active });
  return { fake, runtime, sounds };
}

class FakeWindow extends EventTarget {}

describe('runtime scan routing', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a member scan beeps, flashes and loads the card; a new member resets the sale form', async () => {
    const { runtime, sounds, fake } = setup();
    runtime.award.setState({ txnId: 'T-1', total: '5' });
    expect(runtime.handleScan('https://portal.socialhub.ai/m/mb_ava_chen', 'wedge')).toEqual({ kind: 'member' });
    await flush(20);
    expect(sounds).toEqual(['scan']);
    expect(runtime.feedback.getState().scanPulse).toEqual({ n: 1, ok: true });
    expect(runtime.member.getState()).toMatchObject({ phase: 'loaded', memberId: 'mb_ava_chen' });
    expect(runtime.award.getState()).toMatchObject({ txnId: '', total: '' });
    // The same member again: refresh, keep the form.
    runtime.award.setState({ txnId: 'T-2' });
    runtime.handleScan('mb_ava_chen', 'wedge');
    await flush(20);
    expect(runtime.award.getState().txnId).toBe('T-2');
    expect(fake.callsTo('memberCard')).toHaveLength(2);
  });

  it('a member scan asks for the card before it counts the scan for telemetry', async () => {
    const { runtime, fake } = setup();
    runtime.handleScan('mb_ava_chen', 'wedge');
    await flush(20);
    vi.advanceTimersByTime(1);
    const order = fake.calls.map((c) => c.method).filter((m) => m === 'memberCard' || m === 'scanSeen');
    expect(order).toEqual(['memberCard', 'scanSeen']);
    expect(fake.callsTo('scanSeen')).toEqual([{ source: 'wedge' }]);
  });

  it('a coupon scan during an open sale is linked to it and names the shown member', async () => {
    const { runtime, fake, sounds } = setup();
    runtime.handleScan('mb_ava_chen', 'wedge');
    await flush(20);
    runtime.award.setState({ txnId: 'T-1001' });
    expect(runtime.handleScan('https://portal.socialhub.ai/c/cp_ava_coffee', 'wedge')).toEqual({ kind: 'coupon' });
    await flush(20);
    expect(fake.callsTo('couponRedeem')).toEqual([{ couponId: 'cp_ava_coffee', memberId: 'mb_ava_chen', linkedPosTxnId: 'T-1001' }]);
    expect(runtime.coupon.getState().checks.cp_ava_coffee).toMatchObject({ phase: 'honor', title: 'Free coffee' });
    expect(sounds).toContain('honor');
    // The card refreshes after the verdict.
    expect(fake.callsTo('memberCard')).toHaveLength(2);
  });

  it('a bad scan sounds the error and says why', () => {
    const { runtime, sounds } = setup();
    const handled = runtime.handleScan('4006381333931', 'wedge');
    expect(handled.kind).toBe('error');
    expect(handled.kind === 'error' ? handled.message : '').toMatch(/product barcode/);
    expect(sounds).toEqual(['error']);
    expect(runtime.feedback.getState().toasts[0]?.tone).toBe('error');
    expect(runtime.feedback.getState().toasts[0]?.text).toMatch(/product barcode/);
    expect(runtime.feedback.getState().scanPulse.ok).toBe(false);
  });

  it('a receipt scan goes into the focused transaction field', () => {
    const el = new EventTarget();
    const { runtime } = setup(el);
    const got: string[] = [];
    runtime.scanFields.register(el, { label: 'transaction id', accepts: () => true, set: (v) => got.push(v) });
    expect(runtime.handleScan('90871', 'wedge')).toEqual({ kind: 'field' });
    expect(got).toEqual(['90871']);
  });

  it('the camera and typed-code dialogs close once a code is read', () => {
    const { runtime } = setup();
    runtime.ui.getState().open('camera');
    runtime.handleScan('mb_ava_chen', 'camera');
    expect(runtime.ui.getState().panel).toBeNull();
    runtime.ui.getState().open('code');
    expect(runtime.handleScan('nonsense!', 'typed')).toMatchObject({ kind: 'error' });
    expect(runtime.ui.getState().panel).toBe('code');
  });

  it('ignores scans while the manager console is open', () => {
    const { runtime, fake } = setup();
    runtime.ui.getState().open('manager');
    expect(runtime.handleScan('mb_ava_chen', 'wedge')).toEqual({ kind: 'ignored' });
    expect(fake.callsTo('memberCard')).toHaveLength(0);
  });
});

describe('runtime start', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads status and settings, follows events, and captures wedge scans until suspended', async () => {
    const { runtime, fake } = setup();
    const win = new FakeWindow();
    const stop = runtime.start(win as unknown as Window);
    await flush(20);
    expect(runtime.status.getState()).toMatchObject({ mode: 'sandbox', online: true, pending: 3, checking: 1, needsAttention: 1, storeId: 'st_1' });
    expect(runtime.settings.getState().settings?.scanner.maxGapMs).toBe(50);
    fake.emit('connectivity', { online: false, since: new Date().toISOString(), detail: 'No network' });
    expect(runtime.status.getState()).toMatchObject({ online: false, detail: 'No network' });
    fake.emit('queueSize', { pending: 4, unknown: 0, oldestPendingAt: null });
    expect(runtime.status.getState().pending).toBe(4);

    const type = (text: string, start: number) => {
      let t = start;
      for (const key of [...text, 'Enter']) {
        const e = new Event('keydown');
        const props = { key, timeStamp: (t += 8), ctrlKey: false, altKey: false, metaKey: false, repeat: false, isComposing: false };
        for (const [k, value] of Object.entries(props)) Object.defineProperty(e, k, { value });
        win.dispatchEvent(e);
      }
    };
    type('mb_ava_chen', 1000);
    await flush(20);
    expect(fake.callsTo('memberCard')).toEqual([{ memberId: 'mb_ava_chen' }]);
    const resume = runtime.suspendScanning();
    type('mb_marcus_webb', 5000);
    await flush(20);
    expect(fake.callsTo('memberCard')).toHaveLength(1);
    resume();
    type('mb_marcus_webb', 9000);
    await flush(20);
    expect(fake.callsTo('memberCard')).toHaveLength(2);
    stop();
    type('mb_ava_chen', 20000);
    await flush(20);
    expect(fake.callsTo('memberCard')).toHaveLength(2);
  });
});

describe('runtime manager data', () => {
  it('routes journal events to the manager lists while started, and empties them when the console closes', async () => {
    const { runtime, fake } = setup();
    fake.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
    const stop = runtime.start(new FakeWindow() as unknown as Window);
    runtime.ui.getState().open('manager');
    const { journal, adjust } = runtime.managerData;
    journal.getState().reload();
    await flush();
    fake.emit('journalChanged', { ids: ['41'] });
    expect(journal.getState().newActivity).toBe(true);
    adjust.getState().set('memberId', 'mb_ava_chen');
    runtime.ui.getState().close('manager');
    expect(journal.getState()).toMatchObject({ newActivity: false, page: null });
    expect(adjust.getState().draft.memberId).toBe('');
    stop();
    journal.getState().reload();
    await flush();
    fake.emit('journalChanged', { ids: ['42'] });
    expect(journal.getState().newActivity).toBe(false);
  });
});

describe('runtime locked session', () => {
  it("a LOCKED answer to runtime A's store sends A's console to the PIN, and leaves runtime B's open", async () => {
    const a = setup();
    const b = setup();
    for (const { fake } of [a, b]) fake.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
    const stops = [a, b].map(({ runtime }) => runtime.start(new FakeWindow() as unknown as Window));
    for (const { runtime } of [a, b]) runtime.session.setState({ phase: 'open' });
    a.fake.handle('journalList', () => fail('LOCKED', 'Unlock first.'));
    a.runtime.managerData.journal.getState().reload();
    await flush();
    expect(a.runtime.session.getState().phase).toBe('locked');
    expect(b.runtime.session.getState().phase).toBe('open');
    for (const stop of stops) stop();
  });
});

describe('runtime language', () => {
  it('follows the OS locale until the settings name a language, then switches live and sets <html lang dir>', async () => {
    const fake = createFakeBridge();
    let settings = settingsFixture();
    fake.handle('settingsGet', () => ok(settings));
    fake.handle('statusGet', () => ok({ mode: 'sandbox', online: true, onlineSince: 1, detail: null, queue: { counts: { queued: 0, sending: 0, unknown: 0, verifying: 0, 'needs-attention': 0 }, unfinished: 0, oldestUnfinishedAt: null }, storeId: 'st_1', tillId: 'till_1', writesStopped: null }));
    const runtime = createRuntime(fake.bridge, { sound: { play: () => undefined }, activeElement: () => null, osLocale: () => 'de-AT' });
    const html = { lang: 'en', dir: 'ltr' };
    const win = Object.assign(new FakeWindow(), { document: { documentElement: html } });
    const stop = runtime.start(win as unknown as Window);
    await flush(20);
    expect(html).toEqual({ lang: 'de', dir: 'ltr' });
    // Numbers in the full OS locale, text in its language.
    expect(runtime.locale.getState().translator.locale).toBe('de-AT');
    const handled = runtime.handleScan('4006381333931', 'wedge');
    expect(handled).toEqual({ kind: 'error', message: 'Das ist ein Produkt-Barcode, kein Mitglieds- oder Coupon-Code.' });
    expect(runtime.feedback.getState().toasts[0]?.text).toBe('Das ist ein Produkt-Barcode, kein Mitglieds- oder Coupon-Code.');

    // The manager picks the right-to-left pseudo-locale: no restart, the page turns around.
    settings = settingsFixture({ language: 'ar-XB' });
    await runtime.settings.getState().load();
    expect(html).toEqual({ lang: 'ar-XB', dir: 'rtl' });
    expect(runtime.t('runtime.outcome.refused', { what: 'X' })).toContain('\u202e');

    settings = settingsFixture({ language: 'zh-CN' });
    await runtime.settings.getState().load();
    expect(html).toEqual({ lang: 'zh-CN', dir: 'ltr' });
    expect(runtime.handleScan('4006381333931', 'typed')).toEqual({ kind: 'error', message: '这是商品条码，不是会员码或优惠券码。' });
    stop();
  });
});

describe('runtime POS link', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const waiting = (posTxnId: string, version = 1) => ({
    sale: {
      posTxnId,
      state: 'waiting-for-member' as const,
      total: '19.99',
      currency: 'USD',
      earnBase: '19.99',
      member: null,
      points: null,
      balanceAfter: null,
      pointsReversed: 0,
      receiptLines: [],
      version,
      updatedAt: '2026-12-06T00:00:00.000Z',
    },
    receivedAt: Date.now(),
    cashierId: null,
  });

  it('shows the sale still open at start and each new sale the POS sends, until stopped', async () => {
    const { runtime, fake } = setup();
    fake.handle('posSaleCurrent', () => ok(waiting('90871')));
    const stop = runtime.start(new FakeWindow() as unknown as Window);
    await flush(20);
    expect(runtime.posSale.getState().current?.sale.posTxnId).toBe('90871');
    fake.emit('posSale', waiting('90872'));
    expect(runtime.posSale.getState().current?.sale.posTxnId).toBe('90872');
    stop();
    fake.emit('posSale', waiting('90873'));
    expect(runtime.posSale.getState().current?.sale.posTxnId).toBe('90872');
  });

  it('a scanned receipt code (the format the manager set) fills both fields of the typed sale, read by main', async () => {
    const { runtime, fake, sounds } = setup();
    fake.handle('settingsGet', () => ok(settingsFixture({ posLink: { enabled: false, port: 8787, autoAwardWhenCardShown: false, noMemberNudgeSeconds: 45, receiptCodePattern: String.raw`SALE-(?<txn>\d+)-(?<total>\d+\.\d{2})` } })));
    fake.handle('posReceiptCode', () => ok({ posTxnId: '90871', total: '19.99' }));
    await runtime.settings.getState().load();
    expect(runtime.handleScan('SALE-90871-19.99', 'wedge')).toEqual({ kind: 'field' });
    await flush(20);
    expect(fake.callsTo('posReceiptCode')).toEqual([{ code: 'SALE-90871-19.99' }]);
    expect(runtime.award.getState()).toMatchObject({ txnId: '90871', total: '19.99' });
    expect(sounds).toEqual(['scan']);
    // Without a format, the same code is just not a member or coupon code.
    fake.handle('settingsGet', () => ok(settingsFixture()));
    await runtime.settings.getState().load();
    expect(runtime.handleScan('SALE-90872-5.00', 'wedge').kind).toBe('error');
    expect(fake.callsTo('posReceiptCode')).toHaveLength(1);
  });

  it('a new POS token is forgotten when the manager console closes', async () => {
    const { runtime, fake } = setup();
    fake.handle('posLinkTokenCreate', () => ok({ token: 'shpos_once', status: { enabled: true, port: 8787, listening: null, error: null, token: { configured: true, mask: 'shpos_…once', createdAt: null } } }));
    runtime.ui.getState().open('manager');
    await runtime.posLinkAdmin.getState().createToken();
    expect(runtime.posLinkAdmin.getState().newToken).toBe('shpos_once');
    runtime.ui.getState().close('manager');
    expect(runtime.posLinkAdmin.getState().newToken).toBeNull();
  });
});
