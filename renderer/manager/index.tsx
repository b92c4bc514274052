/**
 * The manager console: what a store manager opens behind the PIN. The frame mounts it (Manager
 * button / F9) and passes `onClose`. A view over the runtime's stores: the session store (PIN
 * gate, lock, auto-lock), the settings store (settings, app info, notices) and the status store
 * (the attention count). The data tabs read their own stores (use-manager-data.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { defineMessages } from '@formatjs/intl';
import type { Notice } from '../../shared/ipc/contract.ts';
import { useManagerSession, useRuntime, useSettings, useStatus } from '../app/context.tsx';
import { ActivityTab } from './activity/activity-tab.tsx';
import { AdjustTab } from './adjust/adjust-tab.tsx';
import { AttentionTab } from './attention/attention-tab.tsx';
import { PinGate } from './pin/pin-gate.tsx';
import { ReconcileTab } from './reconcile/reconcile-tab.tsx';
import { SettingsTab } from './settings/settings-tab.tsx';
import { SupportTab } from './support/support-tab.tsx';
import { PosLinkTab } from './pos-link/pos-link-tab.tsx';
import { RowDetailDrawer } from './transactions/row-detail.tsx';
import { TransactionsTab } from './transactions/transactions-tab.tsx';
import { formatDateTime, isoToMs } from '../../shared/time/date-format.ts';
import { Button, ErrorBanner, tabId, tabPanelId, Tabs } from '../ui/index.ts';
import './manager.css';
import { useT, useTranslator } from '../app/translate.tsx';

const M = defineMessages({
  title: { id: 'manager.shell.title', defaultMessage: 'Manager console', description: 'Manager console heading' },
  sandbox: { id: 'manager.shell.mode.sandbox', defaultMessage: 'Sandbox', description: 'Manager console: the till runs against the sandbox' },
  live: { id: 'manager.shell.mode.live', defaultMessage: 'Live', description: 'Manager console: the till runs against live SocialHub' },
  where: {
    id: 'manager.shell.where',
    defaultMessage: 'Store {store} · till {till}',
    description: 'Manager console header: the store and till ids (or the notStore/notTill words)',
  },
  noStore: { id: 'manager.shell.noStore', defaultMessage: '(not chosen)', description: 'Manager console header: no store chosen yet' },
  noTill: { id: 'manager.shell.noTill', defaultMessage: '(not named)', description: 'Manager console header: no till id yet' },
  autoLock: { id: 'manager.shell.autoLock', defaultMessage: 'Locks after {minutes} min idle', description: 'Manager console header: auto-lock after idle minutes' },
  lock: { id: 'manager.shell.lock', defaultMessage: 'Lock', description: 'Manager console: lock button' },
  back: { id: 'manager.shell.back', defaultMessage: 'Back to the till', description: 'Manager console: close button' },
  checking: { id: 'manager.shell.checking', defaultMessage: 'Checking…', description: 'Manager console: reading the lock state' },
  notices: { id: 'manager.shell.notices', defaultMessage: 'Notices', description: 'Manager console: label of the notices list' },
  noticeAt: { id: 'manager.shell.noticeAt', defaultMessage: '{at}:', description: 'Manager console: the date before a notice' },
  dismiss: { id: 'manager.shell.dismiss', defaultMessage: 'Dismiss', description: 'Manager console: dismiss a notice' },
  noKeyring: {
    id: 'manager.shell.noKeyring',
    defaultMessage: 'This computer has no keyring: API keys cannot be stored safely here. Read the warning and decide in Settings → API keys.',
    description: 'Manager console: the OS keyring is missing',
  },
  openKeys: { id: 'manager.shell.openKeys', defaultMessage: 'Open key settings', description: 'Manager console: go to the key settings' },
  tabs: { id: 'manager.shell.tabs', defaultMessage: 'Manager screens', description: 'Manager console: label of the tab list' },
  'tab.transactions': { id: 'manager.shell.tab.transactions', defaultMessage: 'Transactions', description: 'Manager console tab' },
  'tab.attention': { id: 'manager.shell.tab.attention', defaultMessage: 'Needs attention', description: 'Manager console tab' },
  'tab.reconcile': { id: 'manager.shell.tab.reconcile', defaultMessage: 'Reconcile', description: 'Manager console tab' },
  'tab.activity': { id: 'manager.shell.tab.activity', defaultMessage: 'API activity', description: 'Manager console tab' },
  'tab.adjust': { id: 'manager.shell.tab.adjust', defaultMessage: 'Adjust points', description: 'Manager console tab' },
  'tab.settings': { id: 'manager.shell.tab.settings', defaultMessage: 'Settings', description: 'Manager console tab' },
  'tab.posLink': { id: 'manager.shell.tab.posLink', defaultMessage: 'POS link', description: 'Manager console tab' },
  'tab.support': { id: 'manager.shell.tab.support', defaultMessage: 'Support', description: 'Manager console tab' },
});

export const TABS = [
  ['transactions', M['tab.transactions']],
  ['attention', M['tab.attention']],
  ['reconcile', M['tab.reconcile']],
  ['activity', M['tab.activity']],
  ['adjust', M['tab.adjust']],
  ['settings', M['tab.settings']],
  ['posLink', M['tab.posLink']],
  ['support', M['tab.support']],
] as const;
export type TabId = (typeof TABS)[number][0];

export interface ManagerConsoleProps {
  onClose: () => void;
}

export function ManagerConsole({ onClose }: ManagerConsoleProps) {
  const tr = useTranslator();
  const t = useT();
  const runtime = useRuntime();
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
  const noticeError = useSettings((s) => s.noticeError);
  const [tab, setTab] = useState<TabId>('transactions');
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set<TabId>(['transactions']));
  const tabRefs = useRef(new Map<TabId, HTMLButtonElement>());
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

  function onRootKey(e: KeyboardEvent<HTMLDivElement>) {
    // Alt+1…6 jumps to a tab from anywhere in the console.
    if (phase !== 'open' || !e.altKey || e.ctrlKey || e.metaKey) return;
    const n = Number(e.key);
    const t = Number.isInteger(n) && n >= 1 ? TABS[n - 1] : undefined;
    if (t === undefined) return;
    e.preventDefault();
    selectTab(t[0], true);
  }

  function dismissNotice(n: Notice) {
    void runtime.settings.getState().dismissNotice(n.id);
  }

  const mode = info?.mode ?? settings?.mode ?? null;
  const storage = info?.storage ?? null;

  return (
    <div className="mgr" data-testid="manager-console" data-phase={phase} onKeyDown={onRootKey}>
      <header className="mgr-header">
        <h1>{t(M.title)}</h1>
        {mode !== null && (
          <span className={`mgr-mode mgr-mode--${mode}`} data-testid="manager-mode">
            {t(mode === 'sandbox' ? M.sandbox : M.live)}
          </span>
        )}
        {settings !== null && phase === 'open' && (
          <span className="mgr-hint">
            {t(M.where, { store: settings.storeId ?? t(M.noStore), till: settings.tillId ?? t(M.noTill) })}
          </span>
        )}
        <span className="mgr-spacer" />
        {phase === 'open' && lock?.unlockExpiresAt != null && (
          <span className="mgr-hint" data-testid="manager-autolock">
            {t(M.autoLock, { minutes: lock.autoLockMinutes })}
          </span>
        )}
        {phase === 'open' && (
          <Button onClick={lockButton} testId="manager-lock">
            {t(M.lock)}
          </Button>
        )}
        <Button variant="primary" onClick={close} testId="manager-close">
          {t(M.back)}
        </Button>
      </header>

      {startError !== null && (
        <div className="mgr-body">
          <ErrorBanner error={startError} />
        </div>
      )}
      {phase === 'checking' && startError === null && (
        <p className="mgr-body" role="status">
          {t(M.checking)}
        </p>
      )}
      {phase === 'locked' && lock !== null && (
        <PinGate state={lock} onCancel={close} />
      )}

      {/* Screens mount at the first unlock and then stay mounted while locked (hidden), so a form interrupted by auto-lock is still there after the PIN. */}
      {generation > openedAt && (
        <div className="mgr-main" hidden={phase !== 'open'}>
          {info !== null && info.notices.length > 0 && (
            <ul className="mgr-notices" aria-label={t(M.notices)} data-testid="manager-notices">
              {info.notices.map((n) => (
                <li key={n.id} className="banner banner--warn" data-testid="manager-notice" data-kind={n.kind}>
                  <span>
                    <strong>{t(M.noticeAt, { at: noticeTime(n.at, tr.locale) })}</strong> {tr.has(n.localized.messageId) ? tr.text(n.localized) : n.message}
                  </span>
                  <Button size="small" onClick={() => dismissNotice(n)} testId="manager-notice-dismiss">
                    {t(M.dismiss)}
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <ErrorBanner error={noticeError} testId="manager-notice-error" />
          {storage !== null && !storage.protected && !storage.optedInPlainText && tab !== 'settings' && (
            <p className="banner banner--warn mgr-banner-row" data-testid="manager-storage-warning">
              <span>{t(M.noKeyring)}</span>
              <Button size="small" onClick={() => selectTab('settings')}>
                {t(M.openKeys)}
              </Button>
            </p>
          )}
          <Tabs
            label={t(M.tabs)}
            idPrefix="mgr"
            selected={tab}
            onSelect={selectTab}
            tabRef={(id, el) => {
              if (el === null) tabRefs.current.delete(id);
              else tabRefs.current.set(id, el);
            }}
            items={TABS.map(([id, label], i) => ({
              id,
              keyShortcut: `Alt+${i + 1}`,
              testId: `manager-tab-${id}`,
              label: (
                <>
                  {t(label)}
                  {id === 'attention' && attentionCount !== null && attentionCount > 0 && (
                    <span className="mgr-badge" data-testid="manager-attention-count">
                      <span className="mgr-sr">: </span>
                      {attentionCount}
                    </span>
                  )}
                </>
              ),
            }))}
          />
          {TABS.map(([id]) => (
            <div
              key={id}
              role="tabpanel"
              id={tabPanelId('mgr', id)}
              aria-labelledby={tabId('mgr', id)}
              hidden={tab !== id}
              className={`mgr-panel${id === 'transactions' ? ' mgr-panel--fill' : ''}`}
            >
              {visited.has(id) && <TabContent id={id} active={tab === id && phase === 'open'} />}
            </div>
          ))}
        </div>
      )}

      <RowDetailDrawer />
    </div>
  );
}

/** A notice's time in the till's language; "—" when main sent none readable. */
function noticeTime(iso: string, locale: string): string {
  const ms = isoToMs(iso);
  return ms === null ? '—' : formatDateTime(ms, locale);
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
    case 'support':
      return <SupportTab />;
  }
}

export default ManagerConsole;
