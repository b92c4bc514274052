/**
 * Manager console → POS link: turn the local API on or off and choose its port, pair the POS
 * (a token shown once, with a copy button; rotate or revoke it), the till-side options, and
 * today's share of sales with a member with the sales that went without one.
 */
import { defineMessages } from '@formatjs/intl';
import { useEffect, useId } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import { formatClock } from '../../../shared/time/date-format.ts';
import { useRuntime } from '../../app/context.tsx';
import { fmtMachineAmount } from '../../app/format.ts';
import { Button, Card, ErrorBanner, Field, Form, StatusLine, Table, type Column } from '../../ui/index.ts';
import type { PosLinkShare } from '../../../shared/ipc/schemas/pos-link.ts';
import './pos-link.css';
import { useT, useTranslator } from '../../app/translate.tsx';
import { shareText } from './pos-link-store.ts';

export const POS_LINK_TAB_MESSAGES = defineMessages({
  intro: {
    id: 'posLink.manager.intro',
    defaultMessage: 'The POS hands each sale to this till over a local connection (this computer only) and reads the points back for its receipt.',
    description: 'Manager: what the POS link is',
  },
  serverTitle: { id: 'posLink.manager.serverTitle', defaultMessage: 'Connection', description: 'Manager: heading of the on/off and port section' },
  enabled: { id: 'posLink.manager.enabled', defaultMessage: 'Let the POS connect', description: 'Manager: checkbox that turns the POS link on' },
  listening: { id: 'posLink.manager.listening', defaultMessage: 'On: listening on {hosts}, port {port}.', description: 'Manager: the POS link is on; {hosts} the loopback addresses, {port} the port' },
  off: { id: 'posLink.manager.off', defaultMessage: 'Off: the POS cannot reach this till.', description: 'Manager: the POS link is off' },
  port: { id: 'posLink.manager.port', defaultMessage: 'Port', description: 'Manager: label of the port field' },
  portHint: { id: 'posLink.manager.portHint', defaultMessage: '1024–65535. The POS must use the same port.', description: 'Manager: hint under the port field' },
  savePort: { id: 'posLink.manager.savePort', defaultMessage: 'Save port', description: 'Manager: button that saves the port' },
  tokenTitle: { id: 'posLink.manager.tokenTitle', defaultMessage: 'POS token', description: 'Manager: heading of the token section' },
  tokenNone: { id: 'posLink.manager.tokenNone', defaultMessage: 'No token yet: the POS cannot connect until you create one.', description: 'Manager: no POS token exists' },
  tokenSet: { id: 'posLink.manager.tokenSet', defaultMessage: 'Token {mask}, created {when}.', description: 'Manager: the current token; {mask} its masked form, {when} when it was made' },
  create: { id: 'posLink.manager.create', defaultMessage: 'Create token', description: 'Manager: button that creates the POS token' },
  rotate: { id: 'posLink.manager.rotate', defaultMessage: 'Rotate token', description: 'Manager: button that replaces the POS token (the old one stops working)' },
  revoke: { id: 'posLink.manager.revoke', defaultMessage: 'Revoke token', description: 'Manager: button that removes the POS token' },
  newToken: { id: 'posLink.manager.newToken', defaultMessage: 'New POS token', description: 'Manager: label of the box showing the new token once' },
  newTokenHint: {
    id: 'posLink.manager.newTokenHint',
    defaultMessage: 'Shown only now: copy it into the POS settings. The till keeps only a fingerprint of it.',
    description: 'Manager: the new token is shown once',
  },
  copy: { id: 'posLink.manager.copy', defaultMessage: 'Copy', description: 'Manager: copy the new token' },
  hide: { id: 'posLink.manager.hide', defaultMessage: 'I have copied it', description: 'Manager: hide the new token' },
  optionsTitle: { id: 'posLink.manager.optionsTitle', defaultMessage: 'At the till', description: 'Manager: heading of the till-side options' },
  autoAward: { id: 'posLink.manager.autoAward', defaultMessage: 'Award as soon as the card is shown (no confirm step)', description: 'Manager: checkbox for awarding POS sales without the cashier confirming' },
  nudge: { id: 'posLink.manager.nudge', defaultMessage: 'Nudge after (seconds without a member)', description: 'Manager: label of the nudge time' },
  pattern: { id: 'posLink.manager.pattern', defaultMessage: 'Receipt-code format', description: 'Manager: label of the receipt barcode pattern' },
  patternHint: {
    id: 'posLink.manager.patternHint',
    defaultMessage: 'For a POS that prints a code instead of connecting: a pattern with the named parts txn and total, e.g. {example}. Empty: none.',
    description: 'Manager: hint under the receipt-code pattern; {example} is a sample pattern',
  },
  save: { id: 'posLink.manager.save', defaultMessage: 'Save', description: 'Manager: save the till-side options' },
  shareTitle: { id: 'posLink.manager.shareTitle', defaultMessage: 'Today’s sales from the POS', description: 'Manager: heading of the share of sales with a member' },
  shareLine: {
    id: 'posLink.manager.shareLine',
    defaultMessage: '{sales, plural, one {# sale} other {# sales}}: {withMember} with a member, {noMember} without, {waiting} waiting, {cancelled} cancelled.',
    description: 'Manager: counts of today’s POS sales',
  },
  missedTitle: { id: 'posLink.manager.missedTitle', defaultMessage: 'Sales without a member', description: 'Manager: caption of the missed sales table' },
  missedNone: { id: 'posLink.manager.missedNone', defaultMessage: 'None today.', description: 'Manager: no missed sales' },
  colTxn: { id: 'posLink.manager.colTxn', defaultMessage: 'Sale', description: 'Manager: missed sales column: transaction id' },
  colTotal: { id: 'posLink.manager.colTotal', defaultMessage: 'Total', description: 'Manager: missed sales column: amount' },
  colTime: { id: 'posLink.manager.colTime', defaultMessage: 'Arrived', description: 'Manager: missed sales column: time' },
  colCashier: { id: 'posLink.manager.colCashier', defaultMessage: 'Cashier', description: 'Manager: missed sales column: POS cashier id' },
  refresh: { id: 'posLink.manager.refresh', defaultMessage: 'Refresh', description: 'Manager: reload today’s figures' },
  loading: { id: 'posLink.manager.loading', defaultMessage: 'Loading…', description: 'Manager: the POS link figures are loading' },
});
const M = POS_LINK_TAB_MESSAGES;

type Missed = PosLinkShare['missed'][number];

/** Not translated: it is the pattern syntax itself. */
const PATTERN_EXAMPLE = String.raw`SALE-(?<txn>\d+)-(?<total>\d+\.\d{2})`;

export function PosLinkTab({ active }: { active: boolean }) {
  const runtime = useRuntime();
  const store = runtime.posLinkAdmin;
  const t = useT();
  const tr = useTranslator();
  const s = useStore(
    store,
    useShallow((x) => ({
      status: x.status,
      share: x.share,
      loading: x.loading,
      busy: x.busy,
      error: x.error,
      newToken: x.newToken,
      portInput: x.portInput,
      options: x.options,
      errors: x.errors,
      statusText: x.statusText,
    })),
  );
  const enabledId = useId();
  const autoId = useId();
  useEffect(() => {
    if (active) void store.getState().load();
  }, [active, store]);
  const api = store.getState();
  const st = s.status;

  const columns: Column<Missed>[] = [
    { id: 'txn', header: t(M.colTxn), cell: (r) => r.posTxnId, cellClassName: 'mono' },
    { id: 'total', header: t(M.colTotal), cell: (r) => fmtMachineAmount(r.total, r.currency, tr), align: 'end' },
    { id: 'time', header: t(M.colTime), cell: (r) => formatClock(r.receivedAt, tr.locale) },
    { id: 'cashier', header: t(M.colCashier), cell: (r) => r.cashierId ?? '—' },
  ];

  return (
    <div className="mgr-tab pos-link" data-testid="tab-pos-link">
      <p className="mgr-hint">{t(M.intro)}</p>
      <ErrorBanner error={s.error} testId="pos-link-error" />
      <StatusLine text={s.statusText} tone="ok" testId="pos-link-status-text" />

      <Card title={t(M.serverTitle)}>
        {st === null ? (
          <p role="status">{t(M.loading)}</p>
        ) : (
          <>
            <div className="mgr-field">
              <label className="mgr-check pos-link__check" htmlFor={enabledId}>
                <input id={enabledId} type="checkbox" checked={st.enabled} disabled={s.busy} onChange={(e) => void api.setEnabled(e.target.checked)} data-testid="pos-link-enabled" />
                {t(M.enabled)}
              </label>
            </div>
            <p
              className={`status-line ${st.listening !== null ? 'status-line--ok' : 'status-line--warn'}`}
              data-testid="pos-link-listening"
              data-port={st.listening?.port ?? ''}
            >
              {st.listening !== null ? t(M.listening, { hosts: st.listening.hosts.join(', '), port: st.listening.port }) : t(M.off)}
            </p>
            <ErrorBanner error={st.error} testId="pos-link-server-error" />
            <Form className="pos-link__row" onSubmit={() => void api.savePort()}>
              <Field label={t(M.port)} hint={t(M.portHint)} error={s.errors.port} value={s.portInput} onValue={(v) => api.setPortInput(v)} inputMode="numeric" testId="pos-link-port" />
              <Button type="submit" disabled={s.busy} testId="pos-link-save-port">
                {t(M.savePort)}
              </Button>
            </Form>
          </>
        )}
      </Card>

      <Card title={t(M.tokenTitle)}>
        {st !== null && (
          <p data-testid="pos-link-token-info">
            {st.token.configured && st.token.mask !== null ? t(M.tokenSet, { mask: st.token.mask, when: st.token.createdAt === null ? '—' : formatClock(Date.parse(st.token.createdAt), tr.locale) }) : t(M.tokenNone)}
          </p>
        )}
        {s.newToken !== null && (
          <div className="pos-link__new-token">
            <Field label={t(M.newToken)} hint={t(M.newTokenHint)} value={s.newToken} onValue={() => undefined} readOnly className="mono" testId="pos-link-new-token" onFocus={(e) => e.currentTarget.select()} />
            <div className="mgr-row-gap">
              <Button variant="primary" onClick={() => void api.copyToken()} testId="pos-link-copy">
                {t(M.copy)}
              </Button>
              <Button onClick={() => api.hideToken()} testId="pos-link-hide">
                {t(M.hide)}
              </Button>
            </div>
          </div>
        )}
        <div className="mgr-row-gap">
          {st !== null && !st.token.configured ? (
            <Button variant="primary" disabled={s.busy} onClick={() => void api.createToken()} testId="pos-link-create">
              {t(M.create)}
            </Button>
          ) : (
            <>
              <Button disabled={s.busy || st === null} onClick={() => void api.rotateToken()} testId="pos-link-rotate">
                {t(M.rotate)}
              </Button>
              <Button variant="danger" disabled={s.busy || st === null} onClick={() => void api.revokeToken()} testId="pos-link-revoke">
                {t(M.revoke)}
              </Button>
            </>
          )}
        </div>
      </Card>

      <Card title={t(M.optionsTitle)}>
        <Form className="mgr-form" onSubmit={() => void api.saveOptions()}>
          <div className="mgr-field">
            <label className="mgr-check pos-link__check" htmlFor={autoId}>
              <input
                id={autoId}
                type="checkbox"
                checked={s.options.autoAwardWhenCardShown}
                onChange={(e) => api.setOptions({ autoAwardWhenCardShown: e.target.checked })}
                data-testid="pos-link-auto-award"
              />
              {t(M.autoAward)}
            </label>
          </div>
          <Field
            label={t(M.nudge)}
            error={s.errors.noMemberNudgeSeconds}
            value={s.options.noMemberNudgeSeconds}
            onValue={(v) => api.setOptions({ noMemberNudgeSeconds: v })}
            inputMode="numeric"
            testId="pos-link-nudge"
          />
          <Field
            label={t(M.pattern)}
            hint={t(M.patternHint, { example: PATTERN_EXAMPLE })}
            error={s.errors.receiptCodePattern}
            value={s.options.receiptCodePattern}
            onValue={(v) => api.setOptions({ receiptCodePattern: v })}
            className="mono"
            testId="pos-link-pattern"
          />
          <ErrorBanner error={s.errors.form ?? null} testId="pos-link-options-error" />
          <Button type="submit" variant="primary" disabled={s.busy} testId="pos-link-save-options">
            {t(M.save)}
          </Button>
        </Form>
      </Card>

      <Card title={t(M.shareTitle)}>
        {s.share === null ? (
          <p role="status">{t(M.loading)}</p>
        ) : (
          <>
            <p data-testid="pos-link-share-counts">
              {t(M.shareLine, { sales: s.share.sales, withMember: s.share.withMember, noMember: s.share.noMember, waiting: s.share.waiting, cancelled: s.share.cancelled })}
            </p>
            <p className="pos-link__share" data-testid="pos-link-share">
              {shareText(s.share.share, t)}
            </p>
            <Table
              caption={t(M.missedTitle)}
              showCaption
              columns={columns}
              rows={s.share.missed}
              rowKey={(r) => r.posTxnId}
              rowTestId="pos-link-missed"
              empty={<p className="mgr-empty">{t(M.missedNone)}</p>}
              testId="pos-link-missed-table"
            />
          </>
        )}
        <Button onClick={() => void api.load()} disabled={s.loading} testId="pos-link-refresh">
          {t(M.refresh)}
        </Button>
      </Card>
    </div>
  );
}
