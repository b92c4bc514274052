/**
 * API keys: masked status per key, set (a password field whose value crosses the bridge once and
 * is cleared at once — the UI only ever sees masks), test connection, clear; the storage tier with
 * its warning and the explicit opt-in when the OS has no keyring. A view over the keys store (what main
 * answers, masks only) and the keys form store (what is typed).
 */
import { defineMessages } from '@formatjs/intl';
import { useEffect } from 'react';
import type { KeyKind } from '../../../shared/ipc/schemas/keys.ts';
import type { KeysStatus, StorageTier } from '../../../shared/ipc/contract.ts';
import { useKeys, useRuntime } from '../../app/context.tsx';
import { useKeysForm, useManagerData } from '../use-manager-data.ts';
import { backendLabel, storageWarning, testDetail, testHeadline } from './key-text.ts';
import { formatIso } from '../format.ts';
import { Button, Card, ErrorBanner, Field, Form, StatusLine } from '../../ui/index.ts';
import { useT, useTranslator } from '../../app/translate.tsx';

const M = defineMessages({
  title: { id: 'manager.keys.title', defaultMessage: 'API keys', description: 'Keys section heading' },
  intro: { id: 'manager.keys.intro', defaultMessage: 'A key is typed here once and never shown again: only its first and last characters appear.', description: 'Keys section: how keys are shown' },
  loading: { id: 'manager.keys.loading', defaultMessage: 'Loading…', description: 'Keys section while loading' },
  storage: { id: 'manager.keys.storage', defaultMessage: 'Key storage:', description: 'Keys section: label before the storage backend name' },
  protected: { id: 'manager.keys.storage.protected', defaultMessage: '— protected.', description: 'After the storage backend name when the OS protects the keys' },
  optedIn: { id: 'manager.keys.optedIn', defaultMessage: 'You allowed storing keys without a keyring on {date}.', description: 'Keys section: plain-text storage was allowed on date' },
  optInAck: {
    id: 'manager.keys.optIn.ack',
    defaultMessage: "I understand that anyone who can read this computer's files could recover the keys.",
    description: 'Keys section: checkbox before allowing plain-text key storage',
  },
  optIn: { id: 'manager.keys.optIn', defaultMessage: 'Allow storing keys without a keyring', description: 'Keys section: allow plain-text key storage' },
  saving: { id: 'manager.keys.saving', defaultMessage: 'Saving…', description: 'Keys section: a button while saving' },
  kindTitle: { id: 'manager.keys.kind.title', defaultMessage: '{kind, select, write {Write key} other {Read-only key}}', description: 'Title of a key slot' },
  kindUse: {
    id: 'manager.keys.kind.use',
    defaultMessage: '{kind, select, write {Awards, redeems, clawbacks and adjustments.} other {Member lookups and end-of-day reconciliation.}}',
    description: 'What a key is used for',
  },
  maskSet: { id: 'manager.keys.mask.set', defaultMessage: '(set)', description: 'A key is set but has no mask to show' },
  setAt: { id: 'manager.keys.setAt', defaultMessage: '· set {date}', description: 'When the key was set' },
  sentTo: { id: 'manager.keys.sentTo', defaultMessage: '· sent only to', description: 'Before the one origin the key is sent to' },
  notSet: { id: 'manager.keys.notSet', defaultMessage: 'Not set.', description: 'No key in this slot' },
  field: {
    id: 'manager.keys.field',
    defaultMessage: '{replace, select, yes {{kind, select, write {Replace the write key} other {Replace the read-only key}}} other {{kind, select, write {Enter the write key} other {Enter the read-only key}}}}',
    description: 'Key input label',
  },
  fieldHint: { id: 'manager.keys.field.hint', defaultMessage: 'Starts with {live} or {test}.', description: 'Key input hint; live and test are key prefixes' },
  save: { id: 'manager.keys.save', defaultMessage: 'Save key', description: 'Save the typed key' },
  testing: { id: 'manager.keys.testing', defaultMessage: 'Testing…', description: 'Test button while testing' },
  test: { id: 'manager.keys.test', defaultMessage: 'Test connection', description: 'Test the key against SocialHub' },
  confirmRemove: {
    id: 'manager.keys.remove.confirmLabel',
    defaultMessage: '{kind, select, write {Confirm removing the write key} other {Confirm removing the read-only key}}',
    description: 'Accessible name of the remove confirmation',
  },
  removeQuestion: {
    id: 'manager.keys.remove.question',
    defaultMessage: '{kind, select, write {Remove it? The till cannot award or redeem without it.} other {Remove it? The till cannot reconcile without it.}}',
    description: 'Asked before removing a key',
  },
  remove: { id: 'manager.keys.remove.confirm', defaultMessage: 'Remove', description: 'Confirm removing a key' },
  cancel: { id: 'manager.keys.remove.cancel', defaultMessage: 'Cancel', description: 'Do not remove the key' },
  removeStart: { id: 'manager.keys.remove.start', defaultMessage: 'Remove key…', description: 'Start removing a key' },
});

export function KeysSection() {
  const t = useT();
  const keys = useRuntime().keys;
  const status = useKeys((s) => s.status);
  const error = useKeys((s) => s.error);

  useEffect(() => {
    void keys.getState().load();
  }, [keys]);

  return (
    <Card title={t(M.title)} hint={t(M.intro)} id="keys" testId="settings-keys">
      <ErrorBanner error={error} />
      {status === null ? (
        error === null && <p role="status">{t(M.loading)}</p>
      ) : (
        <>
          <StorageTierView tier={status.storage} />
          <div className="mgr-key-grid">
            <KeySlot kind="write" status={status} />
            <KeySlot kind="read" status={status} />
          </div>
        </>
      )}
    </Card>
  );
}

function StorageTierView({ tier }: { tier: StorageTier }) {
  const tr = useTranslator();
  const t = tr.t;
  const form = useManagerData().keysForm;
  const { busy, error } = useKeys((s) => s.optIn);
  const ack = useKeysForm((s) => s.ack);

  function optIn() {
    void form.getState().allowPlainText();
  }

  return (
    <div className={`mgr-tier${tier.protected ? '' : ' mgr-tier--weak'}`} data-testid="keys-storage" data-protected={tier.protected}>
      <p>
        <strong>{t(M.storage)}</strong> {backendLabel(tier.backend, t)}
        {tier.protected ? ` ${t(M.protected)}` : ''}
      </p>
      {tier.warning !== null && (
        <p className="banner banner--warn" data-testid="keys-storage-warning">
          {storageWarning(tier, t)}
        </p>
      )}
      {!tier.protected &&
        (tier.optedInPlainText ? (
          <p data-testid="keys-optin-done">{t(M.optedIn, { date: formatIso(tier.optedInAt, tr.locale) })}</p>
        ) : (
          <div className="mgr-optin">
            <label className="mgr-check">
              <input type="checkbox" checked={ack} onChange={(e) => form.getState().acknowledge(e.target.checked)} data-testid="keys-optin-ack" />
              {t(M.optInAck)}
            </label>
            <Button disabled={!ack || busy} onClick={optIn} testId="keys-optin">
              {t(busy ? M.saving : M.optIn)}
            </Button>
            <ErrorBanner error={error} />
          </div>
        ))}
    </div>
  );
}

function KeySlot({ kind, status }: { kind: KeyKind; status: KeysStatus }) {
  const keys = useRuntime().keys;
  const form = useManagerData().keysForm;
  const slot = status[kind];
  const { busy, fieldError, error, saved, test } = useKeys((s) => s.slots[kind]);
  const value = useKeysForm((s) => s.typed[kind]);
  const confirmClear = useKeysForm((s) => s.confirmClear[kind]);
  const tr = useTranslator();
  const t = tr.t;

  function save() {
    void form.getState().save(kind);
  }

  function runTest() {
    void keys.getState().test(kind);
  }

  function clear() {
    void form.getState().clear(kind);
  }

  const headline = test !== null ? testHeadline(test, t) : null;

  return (
    <Card variant="inner" headingLevel={3} title={t(M.kindTitle, { kind })} hint={t(M.kindUse, { kind })} testId={`key-${kind}`} data={{ configured: slot.configured }}>
      <p data-testid={`key-${kind}-mask`}>
        {slot.configured ? (
          <>
            <span className="mgr-mono">{slot.mask ?? t(M.maskSet)}</span> {t(M.setAt, { date: formatIso(slot.setAt, tr.locale) })}
            {slot.origin != null && (
              <>
                {' '}
                {t(M.sentTo)} <span className="mgr-mono">{slot.origin}</span>
              </>
            )}
          </>
        ) : (
          t(M.notSet)
        )}
      </p>
      <Form className="mgr-form" noValidate onSubmit={save}>
        <Field label={t(M.field, { kind, replace: slot.configured ? 'yes' : 'no' })} hint={t(M.fieldHint, { live: 'fl_live_', test: 'fl_test_' })} error={fieldError ?? undefined}>
          {(ids) => (
            <input
              {...ids}
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(e) => form.getState().type(kind, e.target.value)}
              data-testid={`key-${kind}-input`}
            />
          )}
        </Field>
        <div className="mgr-row-gap">
          <Button type="submit" variant="primary" disabled={busy !== null || value === ''} testId={`key-${kind}-save`}>
            {t(busy === 'set' ? M.saving : M.save)}
          </Button>
          <Button disabled={busy !== null || !slot.configured} onClick={() => void runTest()} testId={`key-${kind}-test`}>
            {t(busy === 'test' ? M.testing : M.test)}
          </Button>
          {slot.configured &&
            (confirmClear ? (
              <span className="mgr-confirm" role="group" aria-label={t(M.confirmRemove, { kind })}>
                <span>{t(M.removeQuestion, { kind })}</span>
                <Button variant="danger" disabled={busy !== null} onClick={clear} testId={`key-${kind}-clear-confirm`}>
                  {t(M.remove)}
                </Button>
                <Button variant="ghost" onClick={() => form.getState().askClear(kind, false)}>
                  {t(M.cancel)}
                </Button>
              </span>
            ) : (
              <Button variant="ghost" disabled={busy !== null} onClick={() => form.getState().askClear(kind, true)} testId={`key-${kind}-clear`}>
                {t(M.removeStart)}
              </Button>
            ))}
        </div>
      </Form>
      <ErrorBanner error={error} testId={`key-${kind}-error`} />
      <div role="status" data-testid={`key-${kind}-result`}>
        {saved !== null && <StatusLine text={saved} tone="ok" />}
        {test !== null && headline !== null && (
          <div className={`mgr-outcome mgr-outcome--${headline.tone}`} data-outcome={test.outcome}>
            <p className="mgr-outcome-title">{headline.text}</p>
            {test.message !== '' && test.outcome !== 'accepted' && <p>{testDetail(test, tr)}</p>}
          </div>
        )}
      </div>
    </Card>
  );
}

