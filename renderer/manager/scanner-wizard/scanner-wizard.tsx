/**
 * Scanner set-up (in the manager console's settings): "scan this test code" on screen; from the burst alone the till
 * works out timing, prefix/suffix, terminator and keyboard-layout mismatches, then saves the
 * scanner settings — or tells the manager exactly what to change on the scanner.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useRuntime, useSettings } from '../../app/context.tsx';
import { LAYER, useShortcut } from '../../app/shortcuts.ts';
import { Button } from '../../ui/index.ts';
import { analyseScannerBurst, SCANNER_TEST_CODE, type ScannerAnalysis } from '../../scan/scanner-profile.ts';
import { BURST_QUIET_MS, BurstRecorder, detectTillLayout, planSave, saveScannerPlan, showChars, terminatorName, type SavePlan } from './wizard-model.ts';
import { QrCode } from './test-code-qr.tsx';

type Phase =
  | { step: 'listening'; keys: number }
  | { step: 'result'; analysis: ScannerAnalysis; plan: SavePlan | null }
  | { step: 'saving'; analysis: ScannerAnalysis; plan: SavePlan & { ok: true } }
  | { step: 'saved'; plan: SavePlan & { ok: true } }
  | { step: 'save-failed'; analysis: ScannerAnalysis; plan: SavePlan & { ok: true }; message: string };

export interface ScannerWizardProps {
  onDone: () => void;
}

export function ScannerWizard({ onDone }: ScannerWizardProps) {
  const runtime = useRuntime();
  const current = useSettings((s) => s.settings);
  const [phase, setPhase] = useState<Phase>({ step: 'listening', keys: 0 });
  const recorder = useRef(new BurstRecorder());
  const layout = useRef<Awaited<ReturnType<typeof detectTillLayout>>>(undefined);

  // The till's own scan capture would swallow the test burst's Enter: stop it while the wizard is open.
  useEffect(() => runtime.suspendScanning(), [runtime]);

  useEffect(() => {
    void detectTillLayout().then((l) => (layout.current = l));
  }, []);

  const listening = phase.step === 'listening';

  const finish = useCallback(() => {
    const events = [...recorder.current.events];
    recorder.current.clear();
    const analysis = analyseScannerBurst(SCANNER_TEST_CODE, events, layout.current === undefined ? {} : { tillLayout: layout.current });
    const plan = analysis.ok && current !== null ? planSave(analysis.profile, current.scanner) : null;
    runtime.sound.play(analysis.ok && plan?.ok === true ? 'success' : 'error');
    setPhase({ step: 'result', analysis, plan });
  }, [current, runtime]);

  // Record raw keys (capture phase, before anything else sees them) while listening.
  useEffect(() => {
    if (!listening) return;
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent): void => {
      // Esc and function keys stay with the app (close, shortcuts) until a burst has started.
      if (recorder.current.size === 0 && (e.key === 'Escape' || /^F\d{1,2}$/.test(e.key) || e.key === 'Tab' || e.key === 'Shift')) return;
      recorder.current.record(e);
      e.preventDefault();
      e.stopImmediatePropagation();
      setPhase({ step: 'listening', keys: recorder.current.size });
      clearTimeout(quiet);
      quiet = setTimeout(finish, BURST_QUIET_MS);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      clearTimeout(quiet);
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, [listening, finish]);

  const again = (): void => {
    recorder.current.clear();
    setPhase({ step: 'listening', keys: 0 });
  };

  const save = async (plan: SavePlan & { ok: true }, analysis: ScannerAnalysis): Promise<void> => {
    setPhase({ step: 'saving', analysis, plan });
    const message = await saveScannerPlan(runtime.settings, plan);
    if (message === null) {
      runtime.sound.play('success');
      setPhase({ step: 'saved', plan });
    } else setPhase({ step: 'save-failed', analysis, plan, message });
  };

  const canSave = phase.step === 'result' && phase.analysis.ok && phase.plan?.ok === true;
  useShortcut('R', again, { layer: LAYER.wizard, enabled: phase.step === 'result' || phase.step === 'save-failed' });
  useShortcut(
    'Enter',
    () => {
      if (phase.step === 'result' && phase.plan?.ok === true) void save(phase.plan, phase.analysis);
      else if (phase.step === 'saved') onDone();
    },
    { layer: LAYER.wizard, enabled: canSave || phase.step === 'saved' },
  );

  return (
    <div className="wizard" data-testid="scanner-wizard">
      <div className="wizard__body">
        <div className="wizard__code">
          <QrCode text={SCANNER_TEST_CODE} label={`Scanner test code ${SCANNER_TEST_CODE}`} />
          <p className="wizard__code-text mono" data-testid="wizard-test-code">
            {SCANNER_TEST_CODE}
          </p>
        </div>
        <div className="wizard__side" aria-live="polite">
          {phase.step === 'listening' && (
            <div data-testid="wizard-listening">
              <p className="wizard__step">Step 1 of 2</p>
              <p className="wizard__lead">Scan this test code with the USB scanner.</p>
              <p>Point the scanner at the code on the screen (or at a printed copy). The till watches how the keys arrive and works out the scanner’s settings.</p>
              <p className="wizard__status" data-testid="wizard-keys">
                {phase.keys === 0 ? 'Waiting for the scan…' : `Receiving… ${phase.keys} keys`}
              </p>
            </div>
          )}
          {(phase.step === 'result' || phase.step === 'saving' || phase.step === 'save-failed') && (
            <Result analysis={phase.analysis} plan={phase.plan} />
          )}
          {phase.step === 'save-failed' && (
            <p className="form-error" role="alert" data-testid="wizard-save-error">
              <span aria-hidden="true">✕ </span>
              {phase.message}
            </p>
          )}
          {phase.step === 'saved' && (
            <div className="wizard__result wizard__result--ok" data-testid="wizard-saved" role="status">
              <p className="wizard__headline">
                <span aria-hidden="true">✓ </span>Saved
              </p>
              <p>Scans now use these settings.</p>
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
      <div className="dialog__footer">
        {(phase.step === 'result' || phase.step === 'save-failed') && (
          <Button variant="secondary" shortcut="R" onClick={again} testId="wizard-again">
            Scan again
          </Button>
        )}
        {(phase.step === 'result' || phase.step === 'saving' || phase.step === 'save-failed') && phase.plan?.ok === true && phase.analysis.ok && (
          <Button
            variant="primary"
            shortcut="Enter"
            disabled={phase.step === 'saving'}
            onClick={() => {
              if (phase.plan?.ok === true) void save(phase.plan, phase.analysis);
            }}
            data-autofocus
            testId="wizard-save"
          >
            {phase.step === 'saving' ? 'Saving…' : 'Save scanner settings'}
          </Button>
        )}
        {phase.step === 'saved' && (
          <Button variant="primary" shortcut="Enter" onClick={onDone} testId="wizard-done">
            Done
          </Button>
        )}
      </div>
    </div>
  );
}

function Result({ analysis, plan }: { analysis: ScannerAnalysis; plan: SavePlan | null }) {
  if (!analysis.ok) {
    return (
      <div className="wizard__result wizard__result--fix" data-testid="wizard-problem" data-problem={analysis.problem} role="alert">
        <p className="wizard__headline">
          <span aria-hidden="true">✕ </span>Change this first
        </p>
        <p className="wizard__message">{analysis.message}</p>
        {analysis.timing !== null && (
          <p className="muted">
            {analysis.timing.keys} keys, about {Math.round(analysis.timing.avgGapMs)} ms apart.
          </p>
        )}
      </div>
    );
  }
  const { profile, timing } = analysis;
  return (
    <div className={`wizard__result ${plan?.ok === false ? 'wizard__result--fix' : 'wizard__result--ok'}`} data-testid="wizard-result" role="status">
      <p className="wizard__step">Step 2 of 2</p>
      <p className="wizard__headline">
        <span aria-hidden="true">{plan?.ok === false ? '✕ ' : '✓ '}</span>
        {plan?.ok === false ? 'The scanner needs one change' : 'Scanner recognised'}
      </p>
      <p className="wizard__message">{analysis.message}</p>
      <dl className="wizard__facts wizard__facts--grid">
        <dt>Key timing</dt>
        <dd>
          about {Math.round(timing.avgGapMs)} ms apart (slowest {Math.round(timing.maxGapMs)} ms)
        </dd>
        <dt>Prefix</dt>
        <dd data-testid="wizard-prefix">{showChars(profile.prefix)}</dd>
        <dt>Suffix</dt>
        <dd data-testid="wizard-suffix">{showChars(profile.suffix)}</dd>
        <dt>End of code</dt>
        <dd data-testid="wizard-terminator">{terminatorName(profile.terminator)}</dd>
        <dt>Till will allow</dt>
        <dd>up to {profile.maxGapMs} ms between keys</dd>
      </dl>
      {analysis.notes.length > 0 && (
        <ul className="wizard__notes">
          {analysis.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {plan?.ok === false && (
        <p className="form-error" data-testid="wizard-instructions">
          {plan.instructions}
        </p>
      )}
      {plan === null && <p className="muted">The current settings could not be read, so these cannot be saved from here.</p>}
    </div>
  );
}
