/**
 * The persistent status strip: online/offline, what waits to be sent, SANDBOX when on the
 * sandbox, writes stopped, and the Manager button. Connectivity changes are announced once.
 */
import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/shallow';
import { useRuntime, useSettings, useStatus, useUi } from './context.tsx';
import { fmtClock } from './format.ts';
import { useShortcut } from './shortcuts.ts';
import { Button } from '../ui/index.ts';

export function StatusStrip() {
  const runtime = useRuntime();
  const s = useStatus(
    useShallow((x) => ({
      loaded: x.loaded,
      mode: x.mode,
      online: x.online,
      onlineSince: x.onlineSince,
      detail: x.detail,
      pending: x.pending,
      checking: x.checking,
      needsAttention: x.needsAttention,
      storeId: x.storeId,
      tillId: x.tillId,
      writesStopped: x.writesStopped,
      managerUnlocked: x.managerUnlocked,
      error: x.error,
    })),
  );
  const settingsMode = useSettings((x) => x.settings?.mode ?? null);
  const panel = useUi((x) => x.panel);
  const mode = s.mode ?? settingsMode;
  const openManager = (): void => runtime.ui.getState().open('manager');
  useShortcut('F9', openManager, { enabled: panel === null });

  const announcement = useConnectivityAnnouncement(s.online);

  return (
    <header className={`strip${mode === 'sandbox' ? ' strip--sandbox' : ''}`} data-testid="status-strip">
      <h1 className="strip__brand">
        <span className="strip__logo" aria-hidden="true">
          ◆
        </span>
        SocialHub Till
      </h1>
      <ul className="strip__items" aria-label="Till status">
        {mode === 'sandbox' && (
          <li className="pill pill--sandbox" data-testid="status-sandbox">
            SANDBOX<span className="visually-hidden"> — not real points</span>
          </li>
        )}
        <li
          className={`pill ${s.online === false ? 'pill--offline' : s.online === true ? 'pill--online' : 'pill--unknown'}`}
          data-testid="status-online"
          data-online={String(s.online)}
          title={s.online === false && s.detail !== null ? s.detail : undefined}
        >
          <span className="pill__dot" aria-hidden="true" />
          <span className="pill__text">{s.online === null ? 'Connecting…' : s.online ? 'Online' : 'OFFLINE'}</span>
          {s.online === false && s.detail !== null && <span className="visually-hidden"> — {s.detail}</span>}
          {s.online === true && s.onlineSince !== null && <span className="visually-hidden"> since {fmtClock(s.onlineSince)}</span>}
        </li>
        <li className={`pill ${s.pending > 0 ? 'pill--queued' : 'pill--quiet'}`} data-testid="status-queued" data-count={s.pending}>
          {s.pending > 0 ? `${s.pending} queued` : 'Queue empty'}
          {s.pending > 0 && <span className="visually-hidden"> to send</span>}
        </li>
        {s.checking > 0 && (
          <li className="pill pill--checking" data-testid="status-checking">
            {s.checking} checking
          </li>
        )}
        {s.needsAttention > 0 && (
          <li className="pill pill--attention" data-testid="status-attention">
            <span aria-hidden="true">⚠ </span>
            {s.needsAttention} for manager
          </li>
        )}
        {s.writesStopped !== null && (
          <li className="pill pill--attention" data-testid="status-writes-stopped" title={s.writesStopped}>
            <span aria-hidden="true">✕ </span>Awards stopped
          </li>
        )}
        {s.error !== null && !s.loaded && (
          <li className="pill pill--offline" data-testid="status-error">
            Status unavailable
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
            Manager signed in
          </span>
        )}
        <Button variant="quiet" size="small" shortcut="F9" onClick={openManager} disabled={panel === 'manager'} testId="open-manager">
          Manager
        </Button>
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </header>
  );
}

/** Say "The till is offline" / "back online" once when it changes, not on every render. */
function useConnectivityAnnouncement(online: boolean | null): string {
  const [text, setText] = useState('');
  const previous = useRef<boolean | null>(null);
  useEffect(() => {
    if (online === null) return;
    if (previous.current !== null && previous.current !== online) {
      setText(online ? 'The till is back online.' : 'The till is offline. Awards will be queued and sent later.');
    }
    previous.current = online;
  }, [online]);
  return text;
}
