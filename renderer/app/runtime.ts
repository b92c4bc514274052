/**
 * The app's wiring, created once per window: the stores (the cashier's and the manager
 * console's), the journal-row follower, the sound player, global scan capture and the
 * subscriptions to main's events. Components reach it through TillContext; tests build it with a
 * fake bridge.
 */
import { defineMessages } from '@formatjs/intl';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import { createManagerData, type ManagerData } from '../manager/manager-data.ts';
import { createPolicyStore, type PolicyStore } from '../manager/settings/policy-store.ts';
import { createSupportStore, type SupportStore } from '../manager/support/support-store.ts';
import { createPosLinkAdminStore, type PosLinkAdminStore } from '../manager/pos-link/pos-link-store.ts';
import { attachWedgeDetector, type WedgeHost } from '../scan/attach-wedge.ts';
import { createAwardStore, isLocked, openSaleTxnId, type AwardStore } from '../state/award-store.ts';
import { createCameraListStore, type CameraDevices, type CameraListStore } from '../state/camera-list-store.ts';
import { createCouponStore, type CouponStore } from '../state/coupon-store.ts';
import { createFeedbackStore, type FeedbackStore } from '../state/feedback-store.ts';
import { createLocaleStore, translateWith, type LocaleStore, type Translate } from '../state/locale-store.ts';
import { createMemberStore, type MemberStore } from '../state/member-store.ts';
import type { OutcomeView } from '../state/outcome.ts';
import { CLAWBACK_ROUNDING, createReturnStore, type ReturnStore } from '../state/return-store.ts';
import { createRowFollower, type RowFollower } from '../state/row-follower.ts';
import { createPosSaleStore, MESSAGES as POS_SALE_MESSAGES, type PosSaleStore } from '../state/pos-sale-store.ts';
import { compileReceiptCodePattern, parseReceiptCode } from '../../shared/pos/receipt-code.ts';
import { createKeysStore, type KeysStore } from '../manager/settings/keys-store.ts';
import { createSessionStore, type SessionStore } from '../state/session-store.ts';
import { createStorePickerStore, type StorePickerStore } from '../manager/settings/store-picker-store.ts';
import { createSettingsStore, wedgeOptionsFromSettings, type SettingsStore } from '../state/settings-store.ts';
import { createStatusStore, startStatusRefresh, type StatusStore } from '../state/status-store.ts';
import { realTimers, type Timers } from '../state/timers.ts';
import { createUiStore, type UiStore } from '../state/ui-store.ts';
import type { CashierLocale } from '../state/money-entry.ts';
import { DEFAULT_CURRENCY } from '../../shared/money.ts';
import { createLockedHook } from './locked-hook.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { routeScan, ScanFieldRegistry } from './scan-router.ts';
import { createSoundPlayer, type SoundKind, type SoundPlayer } from './sound.ts';

export type ScanSource = 'wedge' | 'camera' | 'typed';

export interface TillRuntime {
  bridge: TillBridge;
  timers: Timers;
  sound: SoundPlayer;
  follower: RowFollower;
  status: StatusStore;
  settings: SettingsStore;
  /** The manager session (PIN gate, lock, auto-lock). */
  session: SessionStore;
  /** The manager's API keys (masks, set, test, remove). */
  keys: KeysStore;
  /** SocialHub's store list for the store picker. */
  storePicker: StorePickerStore;
  /** What the fleet policy locks (Settings) and its file's state (Support). */
  policy: PolicyStore;
  /** The manager's "Save a support bundle". */
  support: SupportStore;
  member: MemberStore;
  award: AwardStore;
  coupon: CouponStore;
  returns: ReturnStore;
  /** The sale the POS handed over (POS link), shown instead of the typed-sale form while it waits. */
  posSale: PosSaleStore;
  /** The cameras this computer offers and the camera dialog's choice (both screens). */
  cameras: CameraListStore;
  feedback: FeedbackStore;
  ui: UiStore;
  /** The manager console's data stores (journal, attention, reconciliation, activity, adjustments). */
  managerData: ManagerData;
  /** Manager console → POS link (server, token, options, share of sales with a member). */
  posLinkAdmin: PosLinkAdminStore;
  /** The language in use (follows the `language` setting live); views read it through `renderer/app/translate.tsx`. */
  locale: LocaleStore;
  /** Text for people from stores and the runtime: `t(MESSAGES.x, values)` in the current language. */
  t: Translate;
  scanFields: ScanFieldRegistry;
  /** Route one scan; returns what it became (for the camera and typed-code dialogs). */
  handleScan(raw: string, source: ScanSource): ScanHandled;
  /** Stop global scan capture (the scanner wizard listens to raw keys itself). Returns the undo. */
  suspendScanning(): () => void;
  /** Wire events and scan capture to a window; returns the teardown. */
  start(win: Window): () => void;
}

export type ScanHandled = { kind: 'member' | 'coupon' | 'field' | 'ignored' } | { kind: 'error'; message: string };

export interface RuntimeOptions {
  timers?: Timers;
  sound?: SoundPlayer;
  /** The element with focus (for scans into fields); the document's by default. */
  activeElement?: () => EventTarget | null;
  /** The computer's media devices, for the camera list (the browser's by default). */
  cameraDevices?: () => CameraDevices | undefined;
  /** The OS locale, used when the language setting is null; `navigator.language` by default. */
  osLocale?: () => string | null;
}

/**
 * The runtime's own sentences. Ids are `<area>.<thing>.<what>`; every message has a description
 * for translators. Stores follow the same pattern: a `defineMessages` block beside the code and
 * `t(...)` from the runtime.
 */
const MESSAGES = defineMessages({
  awardWhat: { id: 'runtime.outcome.award', defaultMessage: 'Award for {who} (sale {sale})', description: 'Names an award in a notice; {who} is the member name, {sale} the POS transaction id' },
  awardWhatNoName: { id: 'runtime.outcome.awardNoName', defaultMessage: 'Award for the member (sale {sale})', description: 'Names an award when the member name is unknown; {sale} is the POS transaction id' },
  returnWhat: { id: 'runtime.outcome.return', defaultMessage: 'Return {returnId} for sale {sale}', description: 'Names a return (clawback) in a notice' },
  confirmed: { id: 'runtime.outcome.confirmed', defaultMessage: '{what}: confirmed by SocialHub.', description: 'Notice: a write was confirmed; {what} names the award or return' },
  needsManager: { id: 'runtime.outcome.needsManager', defaultMessage: '{what}: needs a manager.', description: 'Notice: a write needs a manager; {what} names the award or return' },
  refused: { id: 'runtime.outcome.refused', defaultMessage: '{what}: refused by SocialHub.', description: 'Notice: SocialHub refused a write; {what} names the award or return' },
  scannedField: { id: 'runtime.scan.intoField', defaultMessage: 'Scanned {field}: {value}', description: 'Notice: a scan was put into a field; {field} is the field name, {value} what was scanned' },
});

const AWARD_SOUND: Record<OutcomeView['status'], SoundKind> = {
  confirmed: 'success',
  duplicate: 'error',
  queued: 'notYet',
  checking: 'notYet',
  'needs-attention': 'error',
  rejected: 'error',
  resolved: 'notYet',
};

export function createRuntime(given: TillBridge, options: RuntimeOptions = {}): TillRuntime {
  // This runtime's stores call through the watched bridge: their LOCKED answers lock this console only.
  const locked = createLockedHook();
  const bridge = locked.watch(given);
  const timers = options.timers ?? realTimers;
  const sound = options.sound ?? createSoundPlayer();
  const activeElement = options.activeElement ?? (() => (typeof document === 'undefined' ? null : document.activeElement));
  const osLocale = options.osLocale ?? (() => (typeof navigator === 'undefined' ? null : navigator.language));
  const locale = createLocaleStore(osLocale);
  const t = translateWith(locale);
  const follower = createRowFollower(bridge, timers);
  const status = createStatusStore(bridge);
  const translator = (): Translator => locale.getState().translator;
  const settings = createSettingsStore(bridge, translator);
  const policy = createPolicyStore(bridge, translator);
  // A policy applied or rejected changes main's notices: read the locks again then.
  settings.subscribe((s, prev) => {
    if (s.info !== null && s.info?.notices !== prev.info?.notices) void policy.getState().refresh();
  });
  const session = createSessionStore(bridge, {
    onTillCleared: () => void settings.getState().load(),
    onUnlocked: () => {
      void settings.getState().loadInfo();
      void policy.getState().refresh();
      void status.getState().refresh();
    },
    translator,
  });
  // The key storage tier is part of the app info (the console's no-keyring warning).
  const keys = createKeysStore(bridge, { onStorageChanged: () => void settings.getState().loadInfo(), translator });
  const storePicker = createStorePickerStore(bridge, translator);
  const feedback = createFeedbackStore(timers);
  const member = createMemberStore(bridge, timers);
  const ui = createUiStore();
  const scanFields = new ScanFieldRegistry();
  const cameras = createCameraListStore(options.cameraDevices === undefined ? {} : { devices: options.cameraDevices });
  // A camera a manager saves wins over the dialog's pick, even when it is the camera saved before.
  settings.subscribe((now, before) => {
    if (before.settings !== null && now.settings?.camera.deviceId !== before.settings.camera.deviceId) cameras.getState().forgetPick();
  });
  const managerData = createManagerData({ bridge, timers, session, keys, settings, policy, sound, cameras, translator });
  const posLinkAdmin = createPosLinkAdminStore({
    bridge,
    translator,
    settings: () => settings.getState().settings,
    updateSettings: (patch) => settings.getState().update(patch),
    reloadSettings: () => void settings.getState().load(),
  });
  ui.subscribe((s, prev) => {
    if (prev.panel === 'manager' && s.panel !== 'manager') {
      managerData.reset();
      posLinkAdmin.getState().reset(); // a new POS token is seen once, by whoever created it
    }
  });
  const writesStopped = (): string | null => status.getState().writesStopped;

  const onWriteOutcome = (view: OutcomeView, previous: OutcomeView | null): void => {
    if (previous !== null && previous.status === view.status) return;
    sound.play(AWARD_SOUND[view.status]);
    // A write that just became final changed the balance: show the card's new figures.
    const m = member.getState();
    if ((view.status === 'confirmed' || view.status === 'duplicate') && m.memberId === view.memberId && m.phase === 'loaded') void m.refresh();
    if (previous !== null) {
      const what =
        view.kind !== 'award'
          ? t(MESSAGES.returnWhat, { returnId: view.returnId ?? '', sale: view.posTxnId })
          : view.memberName === null
            ? t(MESSAGES.awardWhatNoName, { sale: view.posTxnId })
            : t(MESSAGES.awardWhat, { who: view.memberName, sale: view.posTxnId });
      if (view.status === 'confirmed') feedback.getState().push('success', t(MESSAGES.confirmed, { what }));
      else if (view.status === 'needs-attention') feedback.getState().push('warning', t(MESSAGES.needsManager, { what }), 10_000);
      else if (view.status === 'rejected') feedback.getState().push('error', t(MESSAGES.refused, { what }), 10_000);
    }
  };

  const cashierLocale: CashierLocale = {
    translator,
    currency: () => settings.getState().settings?.currency ?? DEFAULT_CURRENCY,
  };
  const award: AwardStore = createAwardStore({ bridge, member, follower, timers, writesStopped, onOutcome: onWriteOutcome, locale: cashierLocale });
  const returns = createReturnStore({
    bridge,
    follower,
    timers,
    writesStopped,
    rounding: () => CLAWBACK_ROUNDING,
    onOutcome: onWriteOutcome,
    locale: cashierLocale,
  });
  const posSale = createPosSaleStore({
    bridge,
    member,
    timers,
    translator,
    autoAward: () => settings.getState().settings?.posLink.autoAwardWhenCardShown ?? false,
    nudgeSeconds: () => settings.getState().settings?.posLink.noMemberNudgeSeconds ?? 45,
    onOutcome: onWriteOutcome,
  });
  // The receipt-code format, compiled once per pattern: the scan router asks on every scan.
  let receiptCode: { source: string; regex: RegExp | null } | null = null;
  const isReceiptCode = (raw: string): boolean => {
    const source = settings.getState().settings?.posLink.receiptCodePattern ?? null;
    if (source === null) return false;
    if (receiptCode?.source !== source) {
      const compiled = compileReceiptCodePattern(source);
      receiptCode = { source, regex: compiled.ok ? compiled.regex : null };
    }
    return receiptCode.regex !== null && parseReceiptCode(raw, receiptCode.regex, settings.getState().settings?.currency) !== null;
  };
  const coupon: CouponStore = createCouponStore({
    bridge,
    timers,
    locale: cashierLocale,
    onVerdict(check) {
      sound.play(check.phase === 'honor' ? 'honor' : 'deny');
      const m = member.getState();
      const onCard = m.card?.coupons.ok === true && m.card.coupons.value.some((c) => c.id === check.couponId);
      if (m.phase === 'loaded' && (onCard || (check.memberId !== null && check.memberId === m.memberId))) void m.refresh();
    },
    onNotYet() {
      sound.play('notYet');
    },
  });

  let suspended = 0;
  let win: Window | null = null;
  let detachWedge: (() => void) | null = null;

  const attach = (): void => {
    detachWedge?.();
    detachWedge = null;
    if (win === null || suspended > 0) return;
    const opts = wedgeOptionsFromSettings(settings.getState().settings);
    const onScan = (scan: { payload: string }): void => {
      runtime.handleScan(scan.payload, 'wedge');
    };
    try {
      detachWedge = attachWedgeDetector(win as unknown as WedgeHost, opts, onScan);
    } catch {
      // Settings the detector cannot use: fall back to its defaults rather than losing scanning.
      detachWedge = attachWedgeDetector(win as unknown as WedgeHost, {}, onScan);
    }
  };

  const scanError = (message: string): void => {
    sound.play('error');
    feedback.getState().pulse(false);
    feedback.getState().push('error', message);
  };

  const runtime: TillRuntime = {
    bridge,
    timers,
    sound,
    follower,
    status,
    settings,
    policy,
    support: createSupportStore(bridge),
    session,
    keys,
    storePicker,
    member,
    award,
    coupon,
    returns,
    posSale,
    cameras,
    feedback,
    ui,
    managerData,
    posLinkAdmin,
    locale,
    t,
    scanFields,

    handleScan(raw, source) {
      if (suspended > 0 && source === 'wedge') return { kind: 'ignored' };
      const panel = ui.getState().panel;
      if (panel === 'manager') return { kind: 'ignored' };
      // A code was read: the camera and the type-a-code dialog have done their job.
      const closeEntry = (): void => {
        if (panel === 'camera' || panel === 'code') ui.getState().close(panel);
      };
      // A POS receipt's barcode (the receipt-code fallback): main reads it, the typed-sale form gets both fields.
      if (isReceiptCode(raw)) {
        sound.play('scan');
        feedback.getState().pulse(true);
        closeEntry();
        void posSale.getState().readReceiptCode(raw).then((read) => {
          if (!read.ok) return scanError(read.message);
          const a = award.getState();
          if (isLocked(a)) a.newSale();
          award.getState().setTxnId(read.posTxnId);
          award.getState().setTotal(read.total);
          feedback.getState().push('info', t(POS_SALE_MESSAGES.receiptFilled, { sale: read.posTxnId, total: read.total }));
        });
        return { kind: 'field' };
      }
      const route = routeScan(raw, { customPattern: settings.getState().settings?.scanner.customPattern ?? null, field: scanFields.lookup(activeElement()) });
      // Counted for fleet telemetry (source only, never the code); a failure here is not the cashier's concern.
      // Sent on the next task so the card request leaves first: the count must not queue ahead of it.
      setTimeout(() => void bridge.scanSeen({ source }).catch(() => undefined), 0);
      switch (route.kind) {
        case 'error': {
          const message = locale.getState().translator.text(route.localized);
          if (source !== 'typed') scanError(message);
          else sound.play('error');
          return { kind: 'error', message };
        }
        case 'field':
          sound.play('scan');
          feedback.getState().pulse(true);
          route.field.set(route.value);
          feedback.getState().push('info', t(MESSAGES.scannedField, { field: route.field.label, value: route.value }));
          return { kind: 'field' };
        case 'member': {
          sound.play('scan');
          feedback.getState().pulse(true);
          const m = member.getState();
          // A settled verdict on screen has been seen; a pending one keeps checking in the background.
          if (coupon.getState().shown !== null) coupon.getState().close();
          if (panel === 'returns' && !returns.getState().submitting) ui.getState().close('returns');
          if (m.memberId !== route.memberId) award.getState().memberChanged();
          closeEntry();
          void m.load(route.memberId);
          return { kind: 'member' };
        }
        case 'coupon': {
          sound.play('scan');
          feedback.getState().pulse(true);
          closeEntry();
          const m = member.getState();
          const onCard = m.phase === 'loaded' && m.card?.coupons.ok === true ? m.card.coupons.value.find((c) => c.id === route.couponId) : undefined;
          void coupon.getState().redeem({
            couponId: route.couponId,
            title: onCard?.title ?? null,
            code: onCard?.code ?? null,
            // The member whose card is shown: the engine resolves an unknown outcome from their coupon list.
            memberId: m.phase === 'loaded' ? m.memberId : null,
            linkedPosTxnId: openSaleTxnId(award.getState(), m),
          });
          return { kind: 'coupon' };
        }
      }
    },

    suspendScanning() {
      suspended++;
      attach();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        suspended--;
        attach();
      };
    },

    start(target) {
      win = target;
      attach();
      const doc = target.document as Document | undefined;
      const showLanguage = (): void => {
        const tr = locale.getState().translator;
        if (doc?.documentElement === undefined) return;
        // The language the text is in (a fr-CH till with English messages is lang="en"), not the number format.
        doc.documentElement.lang = tr.language;
        doc.documentElement.dir = tr.dir;
      };
      showLanguage();
      const unsubLocale = locale.subscribe(showLanguage);
      const unsubSettings = settings.subscribe((s, prev) => {
        if (s.settings !== prev.settings) {
          attach();
          // A language chosen in the manager console applies at once, without a restart.
          locale.getState().apply(s.settings?.language);
        }
      });
      const refresher = startStatusRefresh(status, timers);
      const stopManagerData = managerData.start();
      const offs = [
        bridge.on('connectivity', (p) => status.getState().applyConnectivity(p)),
        bridge.on('queueSize', (p) => status.getState().applyQueueSize(p)),
        bridge.on('lockState', (p) => {
          status.getState().applyLockState(p);
          session.getState().applyLockState(p);
        }),
        // Whichever store's call found the manager session gone, the console asks for the PIN.
        locked.onLocked(() => session.getState().sessionEnded()),
        bridge.on('journalChanged', (p) => {
          follower.changed(p.ids);
          refresher.kick();
        }),
        bridge.on('posSale', (p) => posSale.getState().apply(p)),
      ];
      void status.getState().refresh();
      void posSale.getState().load();
      void settings.getState().load();
      return () => {
        for (const off of offs) off();
        unsubSettings();
        stopManagerData();
        unsubLocale();
        refresher.stop();
        follower.stopAll();
        detachWedge?.();
        detachWedge = null;
        win = null;
      };
    },
  };
  return runtime;
}
