/**
 * Support, for IT and SocialHub support: "Save a support bundle" (where it went, or why not) and
 * the fleet policy's state — its file, whether it is in force, and the field at fault when IT's
 * file was refused. Views over the runtime's support and policy stores.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useRuntime } from '../../app/context.tsx';
import { Button, Card, Chip, ErrorBanner, Facts, StatusLine } from '../../ui/index.ts';
import { formatIso } from '../format.ts';
import { usePolicy } from '../settings/use-policy.ts';
import { M } from './messages.ts';
import { useTranslator } from '../../app/translate.tsx';

export function SupportTab() {
  return (
    <div className="mgr-tab" data-testid="tab-support">
      <BundleSection />
      <PolicySection />
    </div>
  );
}

function BundleSection() {
  const tr = useTranslator();
  const support = useRuntime().support;
  const saving = useStore(support, (s) => s.saving);
  const last = useStore(support, (s) => s.last);
  return (
    <Card title={tr.t(M.bundleTitle)} hint={tr.t(M.bundleIntro)} testId="support-bundle">
      <div className="mgr-row-gap">
        <Button variant="primary" disabled={saving} onClick={() => void support.getState().save()} testId="support-save-bundle">
          {tr.t(saving ? M.saving : M.save)}
        </Button>
      </div>
      {last?.kind === 'saved' && (
        <StatusLine
          tone="ok"
          testId="support-bundle-saved"
          text={tr.t(M.saved, {
            path: last.path,
            size: tr.intl.formatNumber(Math.max(1, Math.round(last.bytes / 1024)), { style: 'unit', unit: 'kilobyte' }),
            count: last.entries.length,
          })}
        />
      )}
      {last?.kind === 'cancelled' && <StatusLine testId="support-bundle-cancelled" text={tr.t(M.cancelled)} />}
      <ErrorBanner error={last?.kind === 'failed' ? last.error : null} testId="support-bundle-error" />
    </Card>
  );
}

function PolicySection() {
  const tr = useTranslator();
  const policy = useRuntime().policy;
  const status = usePolicy((s) => s.status);
  const error = usePolicy((s) => s.error);
  useEffect(() => {
    void policy.getState().refresh();
  }, [policy]);

  const state =
    status === null ? null : status.status === 'applied' ? (
      <Chip tone="ok">{tr.t(M.statusApplied)}</Chip>
    ) : status.status === 'rejected' ? (
      <Chip tone="bad">{tr.t(M.statusRejected)}</Chip>
    ) : (
      <Chip tone="done">{tr.t(M.statusNone)}</Chip>
    );

  return (
    <Card title={tr.t(M.policyTitle)} hint={tr.t(M.policyIntro)} testId="support-policy" data={{ status: status?.status }}>
      <ErrorBanner error={error} testId="support-policy-error" />
      {status !== null && (
        <Facts
          testId="support-policy-facts"
          items={[
            [tr.t(M.policyFile), <span className="mgr-mono" key="path">{status.path}</span>],
            [tr.t(M.policyStatus), state],
            ...(status.problem === null
              ? []
              : [
                  [
                    tr.t(M.policyProblem),
                    <span key="problem" data-testid="support-policy-problem">
                      <span className="mgr-mono">{tr.t(M.problemText, { field: status.problem.field, message: status.problem.message })}</span> {tr.t(M.keeping)}
                    </span>,
                  ] as const,
                ]),
            ...(status.appliedAt === null ? [] : [[tr.t(M.appliedAt), formatIso(status.appliedAt, tr.locale)] as const]),
            [tr.t(M.locked), status.locked.length === 0 ? tr.t(M.lockedNone) : <span className="mgr-mono" key="locked">{status.locked.join(', ')}</span>],
            ...(status.tillIdPattern === null ? [] : [[tr.t(M.tillIdPattern), <span className="mgr-mono" key="pattern">{status.tillIdPattern}</span>] as const]),
          ]}
        />
      )}
      <div className="mgr-row-gap">
        <Button size="small" onClick={() => void policy.getState().refresh()} testId="support-policy-refresh">
          {tr.t(M.refresh)}
        </Button>
      </div>
    </Card>
  );
}
