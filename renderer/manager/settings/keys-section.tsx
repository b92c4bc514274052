/**
 * API keys: masked status per key, set (a password field whose value crosses the bridge once and
 * is cleared at once — the UI only ever sees masks), test connection, clear; the storage tier with
 * its warning and the explicit opt-in when the OS has no keyring.
 */
import { useEffect, useState } from 'react';
import { apiKeySchema } from '../../../shared/ipc/schemas/keys.ts';
import type { KeyKind } from '../../../shared/ipc/schemas/keys.ts';
import type { KeysStatus, KeyTestResult, StorageTier } from '../../../shared/ipc/contract.ts';
import { BACKEND_LABELS, testHeadline } from './key-text.ts';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import { formatIso } from '../format.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Field } from '../../ui/index.ts';

const KIND_TEXT: Readonly<Record<KeyKind, { title: string; use: string }>> = {
  write: { title: 'Write key', use: 'Awards, redeems, clawbacks and adjustments.' },
  read: { title: 'Read-only key', use: 'Member lookups and end-of-day reconciliation.' },
};

export function KeysSection() {
  const { call } = useSession();
  const [status, setStatus] = useState<KeysStatus | null>(null);
  const [error, setError] = useState<IpcErrorBody | null>(null);

  useEffect(() => {
    let live = true;
    void call((t) => t.keysStatus()).then((env) => {
      if (!live) return;
      if (env.ok) setStatus(env.value);
      else setError(env.error);
    });
    return () => {
      live = false;
    };
  }, [call]);

  return (
    <section className="mgr-card" aria-labelledby="keys-title" id="keys" data-testid="settings-keys">
      <h2 id="keys-title">API keys</h2>
      <p className="mgr-hint">A key is typed here once and never shown again: only its first and last characters appear.</p>
      <ErrorBanner error={error} />
      {status === null ? (
        error === null && <p role="status">Loading…</p>
      ) : (
        <>
          <StorageTierView tier={status.storage} onChange={setStatus} />
          <div className="mgr-key-grid">
            <KeySlot kind="write" status={status} onChange={setStatus} />
            <KeySlot kind="read" status={status} onChange={setStatus} />
          </div>
        </>
      )}
    </section>
  );
}

function StorageTierView({ tier, onChange }: { tier: StorageTier; onChange: (s: KeysStatus) => void }) {
  const { call } = useSession();
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcErrorBody | null>(null);

  async function optIn() {
    if (!ack || busy) return;
    setBusy(true);
    setError(null);
    const env = await call((t) => t.keysAllowPlainText({ acknowledge: true }));
    setBusy(false);
    if (env.ok) onChange(env.value);
    else setError(env.error);
  }

  return (
    <div className={`mgr-tier${tier.protected ? '' : ' mgr-tier--weak'}`} data-testid="keys-storage" data-protected={tier.protected}>
      <p>
        <strong>Key storage:</strong> {BACKEND_LABELS[tier.backend]}
        {tier.protected ? ' — protected.' : ''}
      </p>
      {tier.warning !== null && (
        <p className="mgr-banner mgr-banner--warn" data-testid="keys-storage-warning">
          {tier.warning}
        </p>
      )}
      {!tier.protected &&
        (tier.optedInPlainText ? (
          <p data-testid="keys-optin-done">You allowed storing keys without a keyring on {formatIso(tier.optedInAt)}.</p>
        ) : (
          <div className="mgr-optin">
            <label className="mgr-check">
              <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} data-testid="keys-optin-ack" />I understand that anyone who can
              read this computer's files could recover the keys.
            </label>
            <button type="button" className="mgr-btn" disabled={!ack || busy} onClick={() => void optIn()} data-testid="keys-optin">
              {busy ? 'Saving…' : 'Allow storing keys without a keyring'}
            </button>
            <ErrorBanner error={error} />
          </div>
        ))}
    </div>
  );
}

function KeySlot({ kind, status, onChange }: { kind: KeyKind; status: KeysStatus; onChange: (s: KeysStatus) => void }) {
  const { call } = useSession();
  const slot = status[kind];
  const [value, setValue] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<'set' | 'test' | 'clear' | null>(null);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [test, setTest] = useState<KeyTestResult | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const text = KIND_TEXT[kind];

  async function save() {
    if (busy !== null) return;
    setSaved(null);
    setError(null);
    setTest(null);
    const key = value.trim();
    const parsed = apiKeySchema.safeParse(key);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message ?? 'This is not a SocialHub key.');
      return;
    }
    setFieldError(undefined);
    setBusy('set');
    const env = await call((t) => t.keysSet({ kind, key: parsed.data }));
    // The key has crossed once; it is not kept here, whatever the answer.
    setValue('');
    setBusy(null);
    if (!env.ok) {
      if (env.error.code === 'KEY_INVALID') setFieldError(env.error.message);
      else setError(env.error);
      return;
    }
    onChange(env.value);
    setSaved(`Saved: ${env.value[kind].mask ?? 'key stored'}.`);
  }

  async function runTest() {
    if (busy !== null) return;
    setBusy('test');
    setError(null);
    setSaved(null);
    setTest(null);
    const env = await call((t) => t.keysTest({ kind }));
    setBusy(null);
    if (env.ok) setTest(env.value);
    else setError(env.error);
  }

  async function clear() {
    if (busy !== null) return;
    setBusy('clear');
    setError(null);
    setTest(null);
    const env = await call((t) => t.keysClear({ kind }));
    setBusy(null);
    setConfirmClear(false);
    if (env.ok) {
      onChange(env.value);
      setSaved('Key removed.');
    } else setError(env.error);
  }

  const headline = test !== null ? testHeadline(test) : null;

  return (
    <div className="mgr-card mgr-card--inner" data-testid={`key-${kind}`} data-configured={slot.configured}>
      <h3>{text.title}</h3>
      <p className="mgr-hint">{text.use}</p>
      <p data-testid={`key-${kind}-mask`}>
        {slot.configured ? (
          <>
            <span className="mgr-mono">{slot.mask ?? '(set)'}</span> · set {formatIso(slot.setAt)}
            {slot.origin != null && (
              <>
                {' '}
                · sent only to <span className="mgr-mono">{slot.origin}</span>
              </>
            )}
          </>
        ) : (
          'Not set.'
        )}
      </p>
      <form
        className="mgr-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label={slot.configured ? `Replace the ${text.title.toLowerCase()}` : `Enter the ${text.title.toLowerCase()}`} hint="Starts with fl_live_ or fl_test_." error={fieldError}>
          {(ids) => (
            <input
              {...ids}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              data-testid={`key-${kind}-input`}
            />
          )}
        </Field>
        <div className="mgr-row-gap">
          <button type="submit" className="mgr-btn mgr-btn--primary" disabled={busy !== null || value === ''} data-testid={`key-${kind}-save`}>
            {busy === 'set' ? 'Saving…' : 'Save key'}
          </button>
          <button type="button" className="mgr-btn" disabled={busy !== null || !slot.configured} onClick={() => void runTest()} data-testid={`key-${kind}-test`}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </button>
          {slot.configured &&
            (confirmClear ? (
              <span className="mgr-confirm" role="group" aria-label={`Confirm removing the ${text.title.toLowerCase()}`}>
                <span>Remove it? The till cannot {kind === 'write' ? 'award or redeem' : 'reconcile'} without it.</span>
                <button type="button" className="mgr-btn mgr-btn--danger" disabled={busy !== null} onClick={() => void clear()} data-testid={`key-${kind}-clear-confirm`}>
                  Remove
                </button>
                <button type="button" className="mgr-btn mgr-btn--ghost" onClick={() => setConfirmClear(false)}>
                  Cancel
                </button>
              </span>
            ) : (
              <button type="button" className="mgr-btn mgr-btn--ghost" disabled={busy !== null} onClick={() => setConfirmClear(true)} data-testid={`key-${kind}-clear`}>
                Remove key…
              </button>
            ))}
        </div>
      </form>
      <ErrorBanner error={error} testId={`key-${kind}-error`} />
      <div role="status" data-testid={`key-${kind}-result`}>
        {saved !== null && <p className="mgr-status mgr-status--ok">{saved}</p>}
        {test !== null && headline !== null && (
          <div className={`mgr-outcome mgr-outcome--${headline.tone}`} data-outcome={test.outcome}>
            <p className="mgr-outcome-title">{headline.text}</p>
            {test.message !== '' && test.outcome !== 'accepted' && <p>{test.message}</p>}
          </div>
        )}
      </div>
    </div>
  );
}

