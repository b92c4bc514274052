/**
 * The persistent status strip: online/offline, what waits to be sent, SANDBOX when on the
 * sandbox, writes stopped, and the Manager button. Connectivity changes are announced once.
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { defineMessages } from '@formatjs/intl';
import { useRuntime, useSettings, useStatus, useUi } from './context.tsx';
import type { Translate } from '../state/locale-store.ts';

const M = defineMessages({
  status: { id: 'app.strip.status', defaultMessage: 'Till status', description: 'Accessible name of the status list' },
  sandbox: { id: 'app.strip.sandbox', defaultMessage: 'SANDBOX', description: 'Badge: demo mode, capitals' },
  sandboxNote: { id: 'app.strip.sandboxNote', defaultMessage: '— not real points', description: 'Screen-reader note after SANDBOX' },
  connecting: { id: 'app.strip.connecting', defaultMessage: 'Connecting…', description: 'Connectivity unknown' },
  online: { id: 'app.strip.online', defaultMessage: 'Online', description: 'Connectivity pill' },
  offline: { id: 'app.strip.offline', defaultMessage: 'OFFLINE', description: 'Connectivity pill, capitals' },
  since: { id: 'app.strip.since', defaultMessage: 'since {time}', description: 'Online since a time' },
  queued: { id: 'app.strip.queued', defaultMessage: '{count} queued', description: 'Writes waiting to be sent' },
  toSend: { id: 'app.strip.toSend', defaultMessage: 'to send', description: 'Screen-reader note after the queued count' },
  queueEmpty: { id: 'app.strip.queueEmpty', defaultMessage: 'Queue empty', description: 'Nothing waiting' },
  checking: { id: 'app.strip.checking', defaultMessage: '{count} checking', description: 'Writes with an unknown outcome' },
  forManager: { id: 'app.strip.forManager', defaultMessage: '{count} for manager', description: 'Rows needing a manager' },
  awardsStopped: { id: 'app.strip.awardsStopped', defaultMessage: 'Awards stopped', description: 'Writes stopped' },
  unavailable: { id: 'app.strip.unavailable', defaultMessage: 'Status unavailable', description: 'Status could not be read' },
  managerIn: { id: 'app.strip.managerIn', defaultMessage: 'Manager signed in', description: 'Manager session open' },
  manager: { id: 'app.strip.manager', defaultMessage: 'Manager', description: 'Button: open the manager console' },
  backOnline: { id: 'app.strip.backOnline', defaultMessage: 'The till is back online.', description: 'Announcement' },
  wentOffline: { id: 'app.strip.wentOffline', defaultMessage: 'The till is offline. Awards will be queued and sent later.', description: 'Announcement' },
});
import { formatClock } from '../../shared/time/date-format.ts';
import { useShortcut } from './shortcuts.ts';
import { Button } from '../ui/index.ts';
import { useTranslator } from './translate.tsx';

export function StatusStrip() {
  const runtime = useRuntime();
  const tr = useTranslator();
  const t = tr.t.bind(tr);
  // The strip shows every field of the status: the whole state, compared field by field (a refresh
  // that changed nothing does not redraw it; the store's actions never change).
  const s = useStatus(useShallow((x) => x));
  const settingsMode = useSettings((x) => x.settings?.mode ?? null);
  const panel = useUi((x) => x.panel);
  const mode = s.mode ?? settingsMode;
  const openManager = (): void => runtime.ui.getState().open('manager');
  useShortcut('F9', openManager, { enabled: panel === null });

  const announcement = useConnectivityAnnouncement(s.online, t);

  return (
    <header className={`strip${mode === 'sandbox' ? ' strip--sandbox' : ''}`} data-testid="status-strip">
      <h1 className="strip__brand">
        <span className="strip__logo" aria-hidden="true">
          ◆
        </span>
        SocialHub Till
      </h1>
      <ul className="strip__items" aria-label={t(M.status)}>
        {mode === 'sandbox' && (
          <li className="pill pill--sandbox" data-testid="status-sandbox">
            {t(M.sandbox)}<span className="visually-hidden"> {t(M.sandboxNote)}</span>
          </li>
        )}
        <li
          className={`pill ${s.online === false ? 'pill--offline' : s.online === true ? 'pill--online' : 'pill--unknown'}`}
          data-testid="status-online"
          data-online={String(s.online)}
          title={s.online === false && s.detail !== null ? s.detail : undefined}
        >
          <span className="pill__dot" aria-hidden="true" />
          <span className="pill__text">{s.online === null ? t(M.connecting) : s.online ? t(M.online) : t(M.offline)}</span>
          {s.online === false && s.detail !== null && <span className="visually-hidden"> — {s.detail}</span>}
          {s.online === true && s.onlineSince !== null && <span className="visually-hidden"> {t(M.since, { time: formatClock(s.onlineSince, tr.locale) })}</span>}
        </li>
        <li className={`pill ${s.pending > 0 ? 'pill--queued' : 'pill--quiet'}`} data-testid="status-queued" data-count={s.pending}>
          {s.pending > 0 ? t(M.queued, { count: s.pending }) : t(M.queueEmpty)}
          {s.pending > 0 && <span className="visually-hidden"> {t(M.toSend)}</span>}
        </li>
        {s.checking > 0 && (
          <li className="pill pill--checking" data-testid="status-checking">
            {t(M.checking, { count: s.checking })}
          </li>
        )}
        {s.needsAttention > 0 && (
          <li className="pill pill--attention" data-testid="status-attention">
            <span aria-hidden="true">⚠ </span>
            {t(M.forManager, { count: s.needsAttention })}
          </li>
        )}
        {s.writesStopped !== null && (
          <li className="pill pill--attention" data-testid="status-writes-stopped" title={s.writesStopped}>
            <span aria-hidden="true">✕ </span>{t(M.awardsStopped)}
          </li>
        )}
        {s.error !== null && !s.loaded && (
          <li className="pill pill--offline" data-testid="status-error">
            {t(M.unavailable)}
          </li>
        )}
      </ul>
      <div className="strip__end">
        {(s.storeId !== null || s.tillId !== null) && (
          <span className="strip__ids">
            {s.storeId ?? '—'} · {s.tillId ?? '—'}
          </span>
        )}
        {s.managerUnlocked && (
          <span className="pill pill--manager" data-testid="status-manager-unlocked">
            {t(M.managerIn)}
          </span>
        )}
        <Button variant="quiet" size="small" shortcut="F9" onClick={openManager} disabled={panel === 'manager'} testId="open-manager">
          {t(M.manager)}
        </Button>
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </header>
  );
}

/** Say "The till is offline" / "back online" once when it changes, not on every render. */
function useConnectivityAnnouncement(online: boolean | null, t: Translate): string {
  const [text, setText] = useState('');
  const previous = useRef<boolean | null>(null);
  useEffect(() => {
    if (online === null) return;
    if (previous.current !== null && previous.current !== online) {
      setText(online ? t(M.backOnline) : t(M.wentOffline));
    }
    previous.current = online;
  }, [online, t]);
  return text;
}
