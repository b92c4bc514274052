/**
 * Support, for IT and SocialHub support: "Save a support bundle" (where it went, or why not) and
 * the fleet policy's state — its file, whether it is in force, and the field at fault when IT's
 * file was refused. Views over the runtime's support and policy stores.
 */
import { useEffect } from 'react';
import { useIntl } from 'react-intl';
import { useStore } from 'zustand';
import { useRuntime } from '../../app/context.tsx';
import { Button, Chip, ErrorBanner, Facts, StatusLine } from '../../ui/index.ts';
import { formatIso } from '../format.ts';
import { usePolicy } from '../settings/use-policy.ts';
import { M } from './messages.ts';
import { formatWith } from '../settings/format-message.ts';

export function SupportTab() {
  return (
    <div className="mgr-tab" data-testid="tab-support">
      <BundleSection />
      <PolicySection />
    </div>
  );
}

function BundleSection() {
  const intl = useIntl();
  const support = useRuntime().support;
  const saving = useStore(support, (s) => s.saving);
  const last = useStore(support, (s) => s.last);
  return (
    <section className="mgr-card" aria-labelledby="support-bundle-title" data-testid="support-bundle">
      <h2 id="support-bundle-title">{intl.formatMessage(M.bundleTitle)}</h2>
      <p className="mgr-hint">{intl.formatMessage(M.bundleIntro)}</p>
      <div className="mgr-row-gap">
        <Button variant="primary" disabled={saving} onClick={() => void support.getState().save()} testId="support-save-bundle">
          {intl.formatMessage(saving ? M.saving : M.save)}
        </Button>
      </div>
      {last?.kind === 'saved' && (
        <StatusLine
          tone="ok"
          testId="support-bundle-saved"
          text={formatWith(intl, M.saved, {
            path: last.path,
            size: intl.formatNumber(Math.max(1, Math.round(last.bytes / 1024)), { style: 'unit', unit: 'kilobyte' }),
            count: last.entries.length,
          })}
        />
      )}
      {last?.kind === 'cancelled' && <StatusLine testId="support-bundle-cancelled" text={intl.formatMessage(M.cancelled)} />}
      <ErrorBanner error={last?.kind === 'failed' ? last.error : null} testId="support-bundle-error" />
    </section>
  );
}

function PolicySection() {
  const intl = useIntl();
  const policy = useRuntime().policy;
  const status = usePolicy((s) => s.status);
  const error = usePolicy((s) => s.error);
  useEffect(() => {
    void policy.getState().refresh();
  }, [policy]);

  const state =
    status === null ? null : status.status === 'applied' ? (
      <Chip tone="ok">{intl.formatMessage(M.statusApplied)}</Chip>
    ) : status.status === 'rejected' ? (
      <Chip tone="bad">{intl.formatMessage(M.statusRejected)}</Chip>
    ) : (
      <Chip tone="done">{intl.formatMessage(M.statusNone)}</Chip>
    );

  return (
    <section className="mgr-card" aria-labelledby="support-policy-title" data-testid="support-policy" data-status={status?.status}>
      <h2 id="support-policy-title">{intl.formatMessage(M.policyTitle)}</h2>
      <p className="mgr-hint">{intl.formatMessage(M.policyIntro)}</p>
      <ErrorBanner error={error} testId="support-policy-error" />
      {status !== null && (
        <Facts
          testId="support-policy-facts"
          items={[
            [intl.formatMessage(M.policyFile), <span className="mgr-mono" key="path">{status.path}</span>],
            [intl.formatMessage(M.policyStatus), state],
            ...(status.problem === null
              ? []
              : [
                  [
                    intl.formatMessage(M.policyProblem),
                    <span key="problem" data-testid="support-policy-problem">
                      <span className="mgr-mono">{formatWith(intl, M.problemText, { field: status.problem.field, message: status.problem.message })}</span> {intl.formatMessage(M.keeping)}
                    </span>,
                  ] as const,
                ]),
            ...(status.appliedAt === null ? [] : [[intl.formatMessage(M.appliedAt), formatIso(status.appliedAt)] as const]),
            [intl.formatMessage(M.locked), status.locked.length === 0 ? intl.formatMessage(M.lockedNone) : <span className="mgr-mono" key="locked">{status.locked.join(', ')}</span>],
            ...(status.tillIdPattern === null ? [] : [[intl.formatMessage(M.tillIdPattern), <span className="mgr-mono" key="pattern">{status.tillIdPattern}</span>] as const]),
          ]}
        />
      )}
      <div className="mgr-row-gap">
        <Button size="small" onClick={() => void policy.getState().refresh()} testId="support-policy-refresh">
          {intl.formatMessage(M.refresh)}
        </Button>
      </div>
    </section>
  );
}
