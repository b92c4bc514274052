/**
 * The manager console: what a store manager opens behind the PIN. The frame mounts it (Manager
 * button / F9) and passes `onClose`. A view over the runtime's stores: the session store (PIN
 * gate, lock, auto-lock), the settings store (settings, app info, notices) and the status store
 * (the attention count). The data tabs get the runtime's bridge and `call()` through the shell.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Notice } from '../../shared/ipc/contract.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import { useManagerSession, useRuntime, useSettings, useStatus } from '../app/context.tsx';
import { ActivityTab } from './activity/activity-tab.tsx';
import { AdjustTab } from './adjust/adjust-tab.tsx';
import { AttentionTab } from './attention/attention-tab.tsx';
import { PinGate } from './pin/pin-gate.tsx';
import { ReconcileTab } from './reconcile/reconcile-tab.tsx';
import { envelopeCall, SessionContext } from './session.ts';
import type { ManagerSession } from './session.ts';
import { SettingsTab } from './settings/settings-tab.tsx';
import { PosLinkTab } from './pos-link/pos-link-tab.tsx';
import { RowDetailDrawer } from './transactions/row-detail.tsx';
import { TransactionsTab } from './transactions/transactions-tab.tsx';
import { formatIso } from './format.ts';
import { Button, ErrorBanner } from '../ui/index.ts';
import './manager.css';

export const TABS = [
  ['transactions', 'Transactions'],
  ['attention', 'Needs attention'],
  ['reconcile', 'Reconcile'],
  ['activity', 'API activity'],
  ['adjust', 'Adjust points'],
  ['settings', 'Settings'],
  ['posLink', 'POS link'],
] as const;
export type TabId = (typeof TABS)[number][0];

export interface ManagerConsoleProps {
  onClose: () => void;
}

export function ManagerConsole({ onClose }: ManagerConsoleProps) {
  const runtime = useRuntime();
  const till = runtime.bridge;
  const session = runtime.session;
  const sessionPhase = useManagerSession((s) => s.phase);
  const phase = sessionPhase === 'closed' ? 'checking' : sessionPhase;
  const lock = useManagerSession((s) => s.lock);
  const startError = useManagerSession((s) => s.startError);
  const generation = useManagerSession((s) => s.generation);
  // The unlock count lives as long as the window: screens mount at the first unlock of *this* opening.
  const [openedAt] = useState(() => session.getState().generation);
  const settings = useSettings((s) => s.settings);
  const info = useSettings((s) => s.info);
  // statusGet is a cashier channel: keeping the count current does not keep the manager session awake.
  const attentionCount = useStatus((s) => (s.loaded ? s.needsAttention + s.checking : null));
  const [noticeError, setNoticeError] = useState<string | null>(null);
  const [tab, setTab] = useState<TabId>('transactions');
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set<TabId>(['transactions']));
  const [openRowId, setOpenRowId] = useState<number | null>(null);
  const rowListeners = useRef(new Set<(row: JournalRow) => void>());
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());
  // Any lock (the button, auto-lock, a call that found the session gone) closes the row drawer.
  if (phase !== 'open' && openRowId !== null) setOpenRowId(null);

  const tabSession = useMemo<ManagerSession>(
    () => ({
      till,
      call: envelopeCall(till),
      generation,
      settings,
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
    [till, generation, settings],
  );

  // Opening the console always asks for the PIN (a session left open by a reload or a crashed
  // window is closed first, so whoever stands at the till now must know it); leaving it locks.
  useEffect(() => {
    void session.getState().open();
    return () => session.getState().close();
  }, [session]);

  // Once unlocked the PIN field is gone: focus goes to the current tab, not to the page body.
  useEffect(() => {
    if (phase === 'open') tabRefs.current.get(tab)?.focus();
    // Only when the console opens, not on every tab change (the tabs move focus themselves).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase]);

  function close() {
    session.getState().close();
    onClose();
  }

  function lockButton() {
    void session.getState().lockNow();
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
    setNoticeError(await runtime.settings.getState().dismissNotice(n.id));
  }

  const mode = info?.mode ?? settings?.mode ?? null;
  const storage = info?.storage ?? null;

  return (
    <SessionContext.Provider value={tabSession}>
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
            <Button onClick={lockButton} testId="manager-lock">
              Lock
            </Button>
          )}
          <Button variant="primary" onClick={close} testId="manager-close">
            Back to the till
          </Button>
        </header>

        {startError !== null && (
          <div className="mgr-body">
            <ErrorBanner error={startError} />
          </div>
        )}
        {phase === 'checking' && startError === null && (
          <p className="mgr-body" role="status">
            Checking…
          </p>
        )}
        {phase === 'locked' && lock !== null && (
          <PinGate state={lock} onCancel={close} />
        )}

        {/* Screens mount at the first unlock and then stay mounted while locked (hidden), so a form interrupted by auto-lock is still there after the PIN. */}
        {generation > openedAt && (
          <div className="mgr-main" hidden={phase !== 'open'}>
            {info !== null && info.notices.length > 0 && (
              <ul className="mgr-notices" aria-label="Notices" data-testid="manager-notices">
                {info.notices.map((n) => (
                  <li key={n.id} className="mgr-banner mgr-banner--warn" data-testid="manager-notice" data-kind={n.kind}>
                    <span>
                      <strong>{formatIso(n.at)}:</strong> {n.message}
                    </span>
                    <Button size="small" onClick={() => void dismissNotice(n)} testId="manager-notice-dismiss">
                      Dismiss
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <ErrorBanner error={noticeError} testId="manager-notice-error" />
            {storage !== null && !storage.protected && !storage.optedInPlainText && tab !== 'settings' && (
              <p className="mgr-banner mgr-banner--warn mgr-banner--row" data-testid="manager-storage-warning">
                <span>This computer has no keyring: API keys cannot be stored safely here. Read the warning and decide in Settings → API keys.</span>
                <Button size="small" onClick={() => selectTab('settings')}>
                  Open key settings
                </Button>
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
    case 'posLink':
      return <PosLinkTab active={active} />;
  }
}

export default ManagerConsole;
