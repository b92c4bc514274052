/**
 * Scanner set-up (in the manager console's settings): "scan this test code" on screen; from the burst alone the till
 * works out timing, prefix/suffix, terminator and keyboard-layout mismatches, then saves the
 * scanner settings — or tells the manager exactly what to change on the scanner.
 */
import { useEffect, useRef } from 'react';
import { defineMessages } from '@formatjs/intl';
import { useRuntime } from '../../app/context.tsx';
import { useManagerData, useScannerWizard } from '../use-manager-data.ts';
import { LAYER, useShortcut } from '../../app/shortcuts.ts';
import { Button, DialogFooter, FormError } from '../../ui/index.ts';
import { SCANNER_TEST_CODE, type ScannerAnalysis } from '../../scan/scanner-profile.ts';
import { BURST_QUIET_MS, detectTillLayout, showChars, terminatorName, type SavePlan } from './wizard-model.ts';
import { QrCode } from './test-code-qr.tsx';
import { useT } from '../../app/translate.tsx';

const M = defineMessages({
  qrLabel: { id: 'manager.scanner.qrLabel', defaultMessage: 'Scanner test code {code}', description: 'Scanner set-up: the on-screen QR code (screen reader label)' },
  step1: { id: 'manager.scanner.step1', defaultMessage: 'Step 1 of 2', description: 'Scanner set-up: step counter' },
  step2: { id: 'manager.scanner.step2', defaultMessage: 'Step 2 of 2', description: 'Scanner set-up: step counter' },
  lead: { id: 'manager.scanner.lead', defaultMessage: 'Scan this test code with the USB scanner.', description: 'Scanner set-up: what to do' },
  how: {
    id: 'manager.scanner.how',
    defaultMessage: 'Point the scanner at the code on the screen (or at a printed copy). The till watches how the keys arrive and works out the scanner’s settings.',
    description: 'Scanner set-up: how it works',
  },
  waiting: { id: 'manager.scanner.waiting', defaultMessage: 'Waiting for the scan…', description: 'Scanner set-up: no key yet' },
  receiving: { id: 'manager.scanner.receiving', defaultMessage: 'Receiving… {keys, plural, one {# key} other {# keys}}', description: 'Scanner set-up: keys received so far' },
  saved: { id: 'manager.scanner.saved', defaultMessage: 'Saved', description: 'Scanner set-up: the settings were saved' },
  savedLead: { id: 'manager.scanner.savedLead', defaultMessage: 'Scans now use these settings.', description: 'Scanner set-up: after saving' },
  again: { id: 'manager.scanner.again', defaultMessage: 'Scan again', description: 'Scanner set-up: record another test scan' },
  saving: { id: 'manager.scanner.saving', defaultMessage: 'Saving…', description: 'Scanner set-up: save button while saving' },
  save: { id: 'manager.scanner.save', defaultMessage: 'Save scanner settings', description: 'Scanner set-up: save button' },
  done: { id: 'manager.scanner.done', defaultMessage: 'Done', description: 'Scanner set-up: close after saving' },
  changeFirst: { id: 'manager.scanner.changeFirst', defaultMessage: 'Change this first', description: 'Scanner set-up: the scan showed a problem' },
  keysApart: {
    id: 'manager.scanner.keysApart',
    defaultMessage: '{keys, plural, one {# key} other {# keys}}, about {gap} ms apart.',
    description: 'Scanner set-up: timing of a failed scan',
  },
  needsChange: { id: 'manager.scanner.needsChange', defaultMessage: 'The scanner needs one change', description: 'Scanner set-up: result heading' },
  recognised: { id: 'manager.scanner.recognised', defaultMessage: 'Scanner recognised', description: 'Scanner set-up: result heading' },
  timing: { id: 'manager.scanner.timing', defaultMessage: 'Key timing', description: 'Scanner set-up fact' },
  timingValue: { id: 'manager.scanner.timingValue', defaultMessage: 'about {avg} ms apart (slowest {max} ms)', description: 'Scanner set-up: key timing value' },
  prefix: { id: 'manager.scanner.prefix', defaultMessage: 'Prefix', description: 'Scanner set-up fact: characters before each code' },
  suffix: { id: 'manager.scanner.suffix', defaultMessage: 'Suffix', description: 'Scanner set-up fact: characters after each code' },
  end: { id: 'manager.scanner.end', defaultMessage: 'End of code', description: 'Scanner set-up fact: how a code ends' },
  allow: { id: 'manager.scanner.allow', defaultMessage: 'Till will allow', description: 'Scanner set-up fact: the gap the till will accept' },
  allowValue: { id: 'manager.scanner.allowValue', defaultMessage: 'up to {ms} ms between keys', description: 'Scanner set-up: the gap the till will accept' },
  unreadable: {
    id: 'manager.scanner.unreadable',
    defaultMessage: 'The current settings could not be read, so these cannot be saved from here.',
    description: 'Scanner set-up: settings missing, cannot save',
  },
});

export interface ScannerWizardProps {
  onDone: () => void;
}

export function ScannerWizard({ onDone }: ScannerWizardProps) {
  const t = useT();
  const runtime = useRuntime();
  const wizard = useManagerData().scannerWizard;
  const phase = useScannerWizard((s) => s.phase);
  const layout = useRef<Awaited<ReturnType<typeof detectTillLayout>>>(undefined);

  // The till's own scan capture would swallow the test burst's Enter: stop it while the wizard is open.
  useEffect(() => runtime.suspendScanning(), [runtime]);
  // Each opening starts from "scan the test code".
  useEffect(() => () => wizard.getState().reset(), [wizard]);

  useEffect(() => {
    void detectTillLayout().then((l) => (layout.current = l));
  }, []);

  const listening = phase.step === 'listening';

  // Record raw keys (capture phase, before anything else sees them) while listening.
  useEffect(() => {
    if (!listening) return;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (!wizard.getState().record(e)) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      clearTimeout(quiet);
      quiet = setTimeout(() => wizard.getState().finish(layout.current), BURST_QUIET_MS);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      clearTimeout(quiet);
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, [listening, wizard]);

  const again = (): void => wizard.getState().again();
  const save = (): void => void wizard.getState().save();

  const canSave = phase.step === 'result' && phase.analysis.ok && phase.plan?.ok === true;
  useShortcut('R', again, { layer: LAYER.wizard, enabled: phase.step === 'result' || phase.step === 'save-failed' });
  useShortcut(
    'Enter',
    () => {
      if (phase.step === 'result' && phase.plan?.ok === true) save();
      else if (phase.step === 'saved') onDone();
    },
    { layer: LAYER.wizard, enabled: canSave || phase.step === 'saved' },
  );

  return (
    <div className="wizard" data-testid="scanner-wizard">
      <div className="wizard__body">
        <div className="wizard__code">
          <QrCode text={SCANNER_TEST_CODE} label={t(M.qrLabel, { code: SCANNER_TEST_CODE })} />
          <p className="wizard__code-text mono" data-testid="wizard-test-code">
            {SCANNER_TEST_CODE}
          </p>
        </div>
        <div className="wizard__side" aria-live="polite">
          {phase.step === 'listening' && (
            <div data-testid="wizard-listening">
              <p className="wizard__step">{t(M.step1)}</p>
              <p className="wizard__lead">{t(M.lead)}</p>
              <p>{t(M.how)}</p>
              <p className="wizard__status" data-testid="wizard-keys">
                {phase.keys === 0 ? t(M.waiting) : t(M.receiving, { keys: phase.keys })}
              </p>
            </div>
          )}
          {(phase.step === 'result' || phase.step === 'saving' || phase.step === 'save-failed') && (
            <Result analysis={phase.analysis} plan={phase.plan} />
          )}
          {phase.step === 'save-failed' && <FormError text={phase.message} testId="wizard-save-error" />}
          {phase.step === 'saved' && (
            <div className="wizard__result wizard__result--ok" data-testid="wizard-saved" role="status">
              <p className="wizard__headline">
                <span aria-hidden="true">✓ </span>
                {t(M.saved)}
              </p>
              <p>{t(M.savedLead)}</p>
              {phase.plan.changes.length > 0 && (
                <ul className="wizard__facts">
                  {phase.plan.changes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      </div>
      <DialogFooter>
        {(phase.step === 'result' || phase.step === 'save-failed') && (
          <Button variant="secondary" shortcut="R" onClick={again} testId="wizard-again">
            {t(M.again)}
          </Button>
        )}
        {(phase.step === 'result' || phase.step === 'saving' || phase.step === 'save-failed') && phase.plan?.ok === true && phase.analysis.ok && (
          <Button
            variant="primary"
            shortcut="Enter"
            disabled={phase.step === 'saving'}
            onClick={save}
            data-autofocus
            testId="wizard-save"
          >
            {t(phase.step === 'saving' ? M.saving : M.save)}
          </Button>
        )}
        {phase.step === 'saved' && (
          <Button variant="primary" shortcut="Enter" onClick={onDone} testId="wizard-done">
            {t(M.done)}
          </Button>
        )}
      </DialogFooter>
    </div>
  );
}

function Result({ analysis, plan }: { analysis: ScannerAnalysis; plan: SavePlan | null }) {
  const t = useT();
  if (!analysis.ok) {
    return (
      <div className="wizard__result wizard__result--fix" data-testid="wizard-problem" data-problem={analysis.problem} role="alert">
        <p className="wizard__headline">
          <span aria-hidden="true">✕ </span>
          {t(M.changeFirst)}
        </p>
        <p className="wizard__message">{analysis.message}</p>
        {analysis.timing !== null && (
          <p className="muted">
            {t(M.keysApart, { keys: analysis.timing.keys, gap: Math.round(analysis.timing.avgGapMs) })}
          </p>
        )}
      </div>
    );
  }
  const { profile, timing } = analysis;
  return (
    <div className={`wizard__result ${plan?.ok === false ? 'wizard__result--fix' : 'wizard__result--ok'}`} data-testid="wizard-result" role="status">
      <p className="wizard__step">{t(M.step2)}</p>
      <p className="wizard__headline">
        <span aria-hidden="true">{plan?.ok === false ? '✕ ' : '✓ '}</span>
        {t(plan?.ok === false ? M.needsChange : M.recognised)}
      </p>
      <p className="wizard__message">{analysis.message}</p>
      <dl className="wizard__facts wizard__facts--grid">
        <dt>{t(M.timing)}</dt>
        <dd>
          {t(M.timingValue, { avg: Math.round(timing.avgGapMs), max: Math.round(timing.maxGapMs) })}
        </dd>
        <dt>{t(M.prefix)}</dt>
        <dd data-testid="wizard-prefix">{showChars(profile.prefix, t)}</dd>
        <dt>{t(M.suffix)}</dt>
        <dd data-testid="wizard-suffix">{showChars(profile.suffix, t)}</dd>
        <dt>{t(M.end)}</dt>
        <dd data-testid="wizard-terminator">{terminatorName(profile.terminator, t)}</dd>
        <dt>{t(M.allow)}</dt>
        <dd>{t(M.allowValue, { ms: profile.maxGapMs })}</dd>
      </dl>
      {analysis.notes.length > 0 && (
        <ul className="wizard__notes">
          {analysis.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {/* Directions, read once as part of the result (a live region already): not a second alert. */}
      {plan?.ok === false && (
        <p className="form-error" data-testid="wizard-instructions">
          {plan.instructions}
        </p>
      )}
      {plan === null && <p className="muted">{t(M.unreadable)}</p>}
    </div>
  );
}
