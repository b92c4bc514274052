/**
 * The manager console: what a store manager opens behind the PIN. The frame mounts it (Manager
 * button / F9) and passes `onClose`; everything else — the PIN dialog, auto-lock, notices and
 * the tabs — lives here, talking only to the preload bridge.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { AppInfo, LockState, Notice } from '../../shared/ipc/contract.ts';
import type { Envelope, IpcErrorBody } from '../../shared/ipc/envelope.ts';
import type { Settings } from '../../shared/ipc/schemas/settings.ts';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import { ActivityTab } from './activity/activity-tab.tsx';
import { AdjustTab } from './adjust/adjust-tab.tsx';
import { AttentionTab } from './attention/attention-tab.tsx';
import { PinGate } from './pin/pin-gate.tsx';
import { ReconcileTab } from './reconcile/reconcile-tab.tsx';
import { SessionContext, errorText, safeCall } from './session.ts';
import type { ManagerSession } from './session.ts';
import { SettingsTab } from './settings/settings-tab.tsx';
import { getTill } from './till.ts';
import { RowDetailDrawer } from './transactions/row-detail.tsx';
import { TransactionsTab } from './transactions/transactions-tab.tsx';
import { formatIso } from './format.ts';
import { ErrorBanner } from '../ui/index.ts';
import './manager.css';

export const TABS = [
  ['transactions', 'Transactions'],
  ['attention', 'Needs attention'],
  ['reconcile', 'Reconcile'],
  ['activity', 'API activity'],
  ['adjust', 'Adjust points'],
  ['settings', 'Settings'],
] as const;
export type TabId = (typeof TABS)[number][0];

type Phase = 'checking' | 'locked' | 'open';

export interface ManagerConsoleProps {
  onClose: () => void;
}

export function ManagerConsole({ onClose }: ManagerConsoleProps) {
  const till = useMemo<TillBridge>(() => getTill(), []);
  const [phase, setPhaseState] = useState<Phase>('checking');
  const phaseRef = useRef<Phase>('checking');
  const [lock, setLock] = useState<LockState | null>(null);
  const [lockNotice, setLockNotice] = useState<string | null>(null);
  const [startError, setStartError] = useState<IpcErrorBody | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [attentionCount, setAttentionCount] = useState<number | null>(null);
  const [tab, setTab] = useState<TabId>('transactions');
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set<TabId>(['transactions']));
  const [openRowId, setOpenRowId] = useState<number | null>(null);
  /** Bumped at every unlock: screens that show live data reload once the session is open again. */
  const [generation, setGeneration] = useState(0);
  const rowListeners = useRef(new Set<(row: JournalRow) => void>());
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());

  const setPhase = useCallback((p: Phase) => {
    phaseRef.current = p;
    setPhaseState(p);
  }, []);

  const lockNow = useCallback(
    (notice: string | null) => {
      if (phaseRef.current === 'open') setLockNotice(notice);
      setOpenRowId(null);
      setPhase('locked');
    },
    [setPhase],
  );

  const call = useCallback(
    <T,>(fn: (t: TillBridge) => Promise<Envelope<T>>) => safeCall(till, fn, () => lockNow('The manager session ended. Enter the PIN to continue.')),
    [till, lockNow],
  );

  const refreshSettings = useCallback(() => {
    void call((t) => t.settingsGet()).then((env) => {
      if (env.ok) setSettings(env.value);
    });
  }, [call]);

  const session = useMemo<ManagerSession>(
    () => ({
      till,
      call,
      generation,
      settings,
      setSettings,
      refreshSettings,
      openRow: (id) => setOpenRowId(id),
      notifyRowChanged: (row) => {
        for (const l of rowListeners.current) l(row);
      },
      onRowChanged: (listener) => {
        rowListeners.current.add(listener);
        return () => {
          rowListeners.current.delete(listener);
        };
      },
    }),
    [till, call, generation, settings, refreshSettings],
  );

  // Opening the console always asks for the PIN: a session left open (a reload, a crash of this
  // window) is closed first, so whoever stands at the till now must know the PIN.
  useEffect(() => {
    let live = true;
    void call((t) => t.pinStatus())
      .then((env) => (env.ok && env.value.unlocked ? call((t) => t.pinLock()) : env))
      .then((env) => {
        if (!live) return;
        if (!env.ok) {
          setStartError(env.error);
          return;
        }
        setLock(env.value);
        setPhase('locked');
      });
    return () => {
      live = false;
    };
  }, [call, setPhase]);

  // Auto-lock (or a lock from elsewhere): back to the PIN dialog.
  useEffect(
    () =>
      till.on('lockState', (s) => {
        setLock(s);
        if (!s.unlocked && phaseRef.current === 'open') lockNow(`Locked after ${s.autoLockMinutes} ${s.autoLockMinutes === 1 ? 'minute' : 'minutes'} without manager activity.`);
      }),
    [till, lockNow],
  );

  // Once unlocked the PIN field is gone: focus goes to the current tab, not to the page body.
  useEffect(() => {
    if (phase === 'open') tabRefs.current.get(tab)?.focus();
    // Only when the console opens, not on every tab change (the tabs move focus themselves).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase]);

  // Leaving the console closes the manager session.
  useEffect(
    () => () => {
      void till.pinLock().catch(() => undefined);
    },
    [till],
  );

  // Once open: settings, app info (mode, notices, key storage), and the attention count.
  useEffect(() => {
    if (phase !== 'open') return;
    let live = true;
    void call((t) => t.settingsGet()).then((env) => live && env.ok && setSettings(env.value));
    void call((t) => t.appInfo()).then((env) => live && env.ok && setInfo(env.value));
    const countAttention = () =>
      void call((t) => t.statusGet()).then((env) => {
        // statusGet is a cashier channel: polling it does not keep the manager session awake.
        if (live && env.ok) setAttentionCount((env.value.queue.counts['needs-attention'] ?? 0) + (env.value.queue.counts.unknown ?? 0));
      });
    countAttention();
    let timer: number | undefined;
    const off = till.on('journalChanged', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(countAttention, 1000);
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
      off();
    };
  }, [phase, call, till]);

  function close() {
    void till.pinLock().catch(() => undefined);
    onClose();
  }

  function lockButton() {
    void call((t) => t.pinLock()).then((env) => {
      if (env.ok) setLock(env.value);
    });
    lockNow(null);
  }

  function selectTab(id: TabId, focus = false) {
    setTab(id);
    setVisited((v) => (v.has(id) ? v : new Set(v).add(id)));
    if (focus) tabRefs.current.get(id)?.focus();
  }

  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    // From the tab that has focus (normally the selected one: selection follows focus).
    const focused = TABS.findIndex(([id]) => tabRefs.current.get(id) === document.activeElement);
    const i = focused >= 0 ? focused : TABS.findIndex(([id]) => id === tab);
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[next];
    if (t !== undefined) selectTab(t[0], true);
  }

  function onRootKey(e: KeyboardEvent<HTMLDivElement>) {
    // Alt+1…6 jumps to a tab from anywhere in the console.
    if (phase !== 'open' || !e.altKey || e.ctrlKey || e.metaKey) return;
    const n = Number(e.key);
    const t = Number.isInteger(n) && n >= 1 ? TABS[n - 1] : undefined;
    if (t === undefined) return;
    e.preventDefault();
    selectTab(t[0], true);
  }

  async function dismissNotice(n: Notice) {
    const env = await call((t) => t.appDismissNotice({ id: n.id }));
    if (env.ok) setInfo((i) => (i === null ? i : { ...i, notices: env.value.notices }));
  }

  const mode = info?.mode ?? settings?.mode ?? null;
  const storage = info?.storage ?? null;

  return (
    <SessionContext.Provider value={session}>
      <div className="mgr" data-testid="manager-console" data-phase={phase} onKeyDown={onRootKey}>
        <header className="mgr-header">
          <h1>Manager console</h1>
          {mode !== null && (
            <span className={`mgr-mode mgr-mode--${mode}`} data-testid="manager-mode">
              {mode === 'sandbox' ? 'Sandbox' : 'Live'}
            </span>
          )}
          {settings !== null && phase === 'open' && (
            <span className="mgr-hint">
              Store {settings.storeId ?? '(not chosen)'} · till {settings.tillId ?? '(not named)'}
            </span>
          )}
          <span className="mgr-spacer" />
          {phase === 'open' && lock?.unlockExpiresAt != null && (
            <span className="mgr-hint" data-testid="manager-autolock">
              Locks after {lock.autoLockMinutes} min idle
            </span>
          )}
          {phase === 'open' && (
            <button type="button" className="mgr-btn" onClick={lockButton} data-testid="manager-lock">
              Lock
            </button>
          )}
          <button type="button" className="mgr-btn mgr-btn--primary" onClick={close} data-testid="manager-close">
            Back to the till
          </button>
        </header>

        {startError !== null && (
          <div className="mgr-body">
            <ErrorBanner error={`The manager console cannot start: ${errorText(startError)}`} />
          </div>
        )}
        {phase === 'checking' && startError === null && (
          <p className="mgr-body" role="status">
            Checking…
          </p>
        )}
        {phase === 'locked' && lock !== null && (
          <PinGate
            state={lock}
            notice={lockNotice}
            onState={setLock}
            onCancel={close}
            onUnlocked={(s) => {
              setLock(s);
              setLockNotice(null);
              setGeneration((g) => g + 1);
              setPhase('open');
            }}
          />
        )}

        {/* Screens mount at the first unlock and then stay mounted while locked (hidden), so a form interrupted by auto-lock is still there after the PIN. */}
        {generation > 0 && (
          <div className="mgr-main" hidden={phase !== 'open'}>
            {info !== null && info.notices.length > 0 && (
              <ul className="mgr-notices" aria-label="Notices" data-testid="manager-notices">
                {info.notices.map((n) => (
                  <li key={n.id} className="mgr-banner mgr-banner--warn" data-testid="manager-notice" data-kind={n.kind}>
                    <span>
                      <strong>{formatIso(n.at)}:</strong> {n.message}
                    </span>
                    <button type="button" className="mgr-btn mgr-btn--small" onClick={() => void dismissNotice(n)} data-testid="manager-notice-dismiss">
                      Dismiss
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {storage !== null && !storage.protected && !storage.optedInPlainText && tab !== 'settings' && (
              <p className="mgr-banner mgr-banner--warn mgr-banner--row" data-testid="manager-storage-warning">
                <span>This computer has no keyring: API keys cannot be stored safely here. Read the warning and decide in Settings → API keys.</span>
                <button type="button" className="mgr-btn mgr-btn--small" onClick={() => selectTab('settings')}>
                  Open key settings
                </button>
              </p>
            )}
            <div className="mgr-tabs" role="tablist" aria-label="Manager screens" onKeyDown={onTabKey}>
              {TABS.map(([id, label], i) => (
                <button
                  key={id}
                  ref={(el) => {
                    if (el === null) tabRefs.current.delete(id);
                    else tabRefs.current.set(id, el);
                  }}
                  type="button"
                  role="tab"
                  id={`mgr-tab-${id}`}
                  aria-selected={tab === id}
                  aria-controls={`mgr-panel-${id}`}
                  aria-keyshortcuts={`Alt+${i + 1}`}
                  tabIndex={tab === id ? 0 : -1}
                  className="mgr-tab-button"
                  onClick={() => selectTab(id)}
                  data-testid={`manager-tab-${id}`}
                >
                  {label}
                  {id === 'attention' && attentionCount !== null && attentionCount > 0 && (
                    <span className="mgr-badge" data-testid="manager-attention-count">
                      <span className="mgr-sr">: </span>
                      {attentionCount}
                    </span>
                  )}
                </button>
              ))}
            </div>
            {TABS.map(([id]) => (
              <div
                key={id}
                role="tabpanel"
                id={`mgr-panel-${id}`}
                aria-labelledby={`mgr-tab-${id}`}
                hidden={tab !== id}
                className={`mgr-panel${id === 'transactions' ? ' mgr-panel--fill' : ''}`}
              >
                {visited.has(id) && <TabContent id={id} active={tab === id && phase === 'open'} />}
              </div>
            ))}
          </div>
        )}

        {openRowId !== null && phase === 'open' && <RowDetailDrawer key={openRowId} id={openRowId} onClose={() => setOpenRowId(null)} />}
      </div>
    </SessionContext.Provider>
  );
}

function TabContent({ id, active }: { id: TabId; active: boolean }) {
  switch (id) {
    case 'transactions':
      return <TransactionsTab />;
    case 'attention':
      return <AttentionTab active={active} />;
    case 'reconcile':
      return <ReconcileTab />;
    case 'activity':
      return <ActivityTab active={active} />;
    case 'adjust':
      return <AdjustTab />;
    case 'settings':
      return <SettingsTab />;
  }
}

export default ManagerConsole;
