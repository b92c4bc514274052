/**
 * API keys: masked status per key, set (a password field whose value crosses the bridge once and
 * is cleared at once — the UI only ever sees masks), test connection, clear; the storage tier with
 * its warning and the explicit opt-in when the OS has no keyring. A view over the keys store.
 */
import { useEffect, useState } from 'react';
import type { KeyKind } from '../../../shared/ipc/schemas/keys.ts';
import type { KeysStatus, StorageTier } from '../../../shared/ipc/contract.ts';
import { useKeys, useRuntime } from '../../app/context.tsx';
import { BACKEND_LABELS, testHeadline } from './key-text.ts';
import { formatIso } from '../format.ts';
import { Button, ErrorBanner, Field, StatusLine } from '../../ui/index.ts';

const KIND_TEXT: Readonly<Record<KeyKind, { title: string; use: string }>> = {
  write: { title: 'Write key', use: 'Awards, redeems, clawbacks and adjustments.' },
  read: { title: 'Read-only key', use: 'Member lookups and end-of-day reconciliation.' },
};

export function KeysSection() {
  const keys = useRuntime().keys;
  const status = useKeys((s) => s.status);
  const error = useKeys((s) => s.error);

  useEffect(() => {
    void keys.getState().load();
  }, [keys]);

  return (
    <section className="mgr-card" aria-labelledby="keys-title" id="keys" data-testid="settings-keys">
      <h2 id="keys-title">API keys</h2>
      <p className="mgr-hint">A key is typed here once and never shown again: only its first and last characters appear.</p>
      <ErrorBanner error={error} />
      {status === null ? (
        error === null && <p role="status">Loading…</p>
      ) : (
        <>
          <StorageTierView tier={status.storage} />
          <div className="mgr-key-grid">
            <KeySlot kind="write" status={status} />
            <KeySlot kind="read" status={status} />
          </div>
        </>
      )}
    </section>
  );
}

function StorageTierView({ tier }: { tier: StorageTier }) {
  const keys = useRuntime().keys;
  const { busy, error } = useKeys((s) => s.optIn);
  const [ack, setAck] = useState(false);

  function optIn() {
    if (ack) void keys.getState().allowPlainText();
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
            <Button disabled={!ack || busy} onClick={optIn} testId="keys-optin">
              {busy ? 'Saving…' : 'Allow storing keys without a keyring'}
            </Button>
            <ErrorBanner error={error} />
          </div>
        ))}
    </div>
  );
}

function KeySlot({ kind, status }: { kind: KeyKind; status: KeysStatus }) {
  const keys = useRuntime().keys;
  const slot = status[kind];
  const { busy, fieldError, error, saved, test } = useKeys((s) => s.slots[kind]);
  const [value, setValue] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);
  const text = KIND_TEXT[kind];

  async function save() {
    // A key that crossed the bridge leaves the field, whatever the answer; one refused here stays to be corrected.
    if (await keys.getState().setKey(kind, value)) setValue('');
  }

  function runTest() {
    void keys.getState().test(kind);
  }

  async function clear() {
    await keys.getState().clear(kind);
    setConfirmClear(false);
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
        <Field label={slot.configured ? `Replace the ${text.title.toLowerCase()}` : `Enter the ${text.title.toLowerCase()}`} hint="Starts with fl_live_ or fl_test_." error={fieldError ?? undefined}>
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
          <Button type="submit" variant="primary" disabled={busy !== null || value === ''} testId={`key-${kind}-save`}>
            {busy === 'set' ? 'Saving…' : 'Save key'}
          </Button>
          <Button disabled={busy !== null || !slot.configured} onClick={() => void runTest()} testId={`key-${kind}-test`}>
            {busy === 'test' ? 'Testing…' : 'Test connection'}
          </Button>
          {slot.configured &&
            (confirmClear ? (
              <span className="mgr-confirm" role="group" aria-label={`Confirm removing the ${text.title.toLowerCase()}`}>
                <span>Remove it? The till cannot {kind === 'write' ? 'award or redeem' : 'reconcile'} without it.</span>
                <Button variant="danger" disabled={busy !== null} onClick={() => void clear()} testId={`key-${kind}-clear-confirm`}>
                  Remove
                </Button>
                <Button variant="ghost" onClick={() => setConfirmClear(false)}>
                  Cancel
                </Button>
              </span>
            ) : (
              <Button variant="ghost" disabled={busy !== null} onClick={() => setConfirmClear(true)} testId={`key-${kind}-clear`}>
                Remove key…
              </Button>
            ))}
        </div>
      </form>
      <ErrorBanner error={error} testId={`key-${kind}-error`} />
      <div role="status" data-testid={`key-${kind}-result`}>
        {saved !== null && <StatusLine text={saved} tone="ok" />}
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

