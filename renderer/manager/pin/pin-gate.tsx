/**
 * The door to the manager console: set the first PIN, or enter it; wrong PINs count down to a
 * lockout whose end is shown live. An on-screen keypad for touch tills.
 */
import { useEffect, useRef, useState } from 'react';
import type { LockState } from '../../../shared/ipc/contract.ts';
import { errorText, useSession } from '../session.ts';
import { Field } from '../ui.tsx';
import { countdown, lockoutText, newPinProblem, pinProblem, verifyView } from './pin-model.ts';

/** What the gate reports back: unlocked, cancelled, or a new lock state (attempts, lockout). */
interface PinGateCallbacks {
  onUnlocked: (s: LockState) => void;
  onCancel: () => void;
  onState: (s: LockState) => void;
}

interface PinGateProps extends PinGateCallbacks {
  state: LockState;
  notice: string | null;
}

export function PinGate({
  state,
  notice,
  onUnlocked,
  onCancel,
  onState,
}: PinGateProps) {
  return state.configured ? (
    <VerifyPin state={state} notice={notice} onUnlocked={onUnlocked} onCancel={onCancel} onState={onState} />
  ) : (
    <SetFirstPin onUnlocked={onUnlocked} onCancel={onCancel} onState={onState} />
  );
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, [active]);
  return now;
}

function VerifyPin({
  state,
  notice,
  onUnlocked,
  onCancel,
  onState,
}: PinGateProps) {
  const { call } = useSession();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<number | null>(state.lockedOutUntil !== null ? Date.parse(state.lockedOutUntil) : null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const now = useNow(lockedUntil !== null);
  const locked = lockedUntil !== null && lockedUntil > now;

  useEffect(() => {
    if (!locked) inputRef.current?.focus();
  }, [locked]);

  async function submit() {
    if (busy || locked) return;
    const problem = pinProblem(pin);
    if (problem !== null) {
      setMessage(problem);
      return;
    }
    setBusy(true);
    const env = await call((t) => t.pinVerify({ pin }));
    setBusy(false);
    setPin('');
    if (!env.ok) {
      setMessage(errorText(env.error));
      return;
    }
    onState(env.value.state);
    const v = verifyView(env.value);
    if (v.kind === 'unlocked') onUnlocked(env.value.state);
    else if (v.kind === 'wrong') setMessage(v.text);
    else if (v.kind === 'locked-out') {
      setLockedUntil(v.until);
      setMessage(null);
    } else setMessage('No manager PIN is set yet.');
    inputRef.current?.focus();
  }

  const press = (d: string) => setPin((p) => (p.length < 12 ? p + d : p));

  return (
    <div className="mgr-pin" data-testid="pin-gate" data-mode="verify">
      <form
        className="mgr-pin-card"
        aria-labelledby="pin-gate-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="pin-gate-title">Manager PIN</h2>
        {notice !== null && (
          <p className="mgr-hint" data-testid="pin-notice">
            {notice}
          </p>
        )}
        <Field label="Enter the manager PIN">
          {(ids) => (
            <input
              {...ids}
              ref={inputRef}
              className="mgr-pin-input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              disabled={locked}
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              data-testid="pin-input"
            />
          )}
        </Field>
        <div className="mgr-keypad" role="group" aria-label="PIN keypad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button key={d} type="button" className="mgr-key" disabled={locked} onClick={() => press(d)} tabIndex={-1}>
              {d}
            </button>
          ))}
          <button type="button" className="mgr-key" disabled={locked} onClick={() => setPin('')} tabIndex={-1} aria-label="Clear PIN">
            C
          </button>
          <button type="button" className="mgr-key" disabled={locked} onClick={() => press('0')} tabIndex={-1}>
            0
          </button>
          <button type="button" className="mgr-key" disabled={locked} onClick={() => setPin((p) => p.slice(0, -1))} tabIndex={-1} aria-label="Delete last digit">
            ⌫
          </button>
        </div>
        <p className="mgr-pin-message" role="alert" data-testid="pin-message">
          {locked && lockedUntil !== null ? lockoutText(lockedUntil) : (message ?? '')}
        </p>
        {locked && lockedUntil !== null && (
          // Outside the alert: a live region that changed every second would talk over everything.
          <p className="mgr-hint" data-testid="pin-countdown">
            {countdown(lockedUntil - now)} left
          </p>
        )}
        <div className="mgr-row-gap">
          <button type="submit" className="mgr-btn mgr-btn--primary mgr-btn--big" disabled={busy || locked} data-testid="pin-submit">
            {busy ? 'Checking…' : 'Unlock'}
          </button>
          <button type="button" className="mgr-btn mgr-btn--ghost mgr-btn--big" onClick={onCancel} data-testid="pin-cancel">
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

function SetFirstPin({ onUnlocked, onCancel, onState }: PinGateCallbacks) {
  const { call } = useSession();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ pin?: string; repeat?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (busy) return;
    const problem = newPinProblem(pin, repeat);
    setErrors(problem ?? {});
    if (problem !== null) return;
    setBusy(true);
    const env = await call((t) => t.pinSet({ newPin: pin }));
    setBusy(false);
    if (!env.ok) {
      setMessage(errorText(env.error));
      return;
    }
    setPin('');
    setRepeat('');
    if (env.value.unlocked) onUnlocked(env.value);
    else onState(env.value); // set but not open: the dialog switches to entering the PIN
  }

  return (
    <div className="mgr-pin" data-testid="pin-gate" data-mode="set">
      <form
        className="mgr-pin-card"
        aria-labelledby="pin-set-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="pin-set-title">Set a manager PIN</h2>
        <p className="mgr-hint">
          No manager PIN is set on this till yet. Choose one (4 to 12 digits): it protects the keys, settings, adjustments and the journal tools.
        </p>
        <Field label="New PIN" error={errors.pin}>
          {(ids) => (
            <input
              {...ids}
              className="mgr-pin-input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              autoFocus
              value={pin}
              onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              data-testid="pin-new"
            />
          )}
        </Field>
        <Field label="New PIN again" error={errors.repeat}>
          {(ids) => (
            <input
              {...ids}
              className="mgr-pin-input"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={12}
              value={repeat}
              onChange={(e) => setRepeat(e.target.value.replace(/\D/g, ''))}
              data-testid="pin-repeat"
            />
          )}
        </Field>
        <p className="mgr-pin-message" role="alert" data-testid="pin-message">
          {message ?? ''}
        </p>
        <div className="mgr-row-gap">
          <button type="submit" className="mgr-btn mgr-btn--primary mgr-btn--big" disabled={busy} data-testid="pin-set">
            {busy ? 'Saving…' : 'Set PIN and open'}
          </button>
          <button type="button" className="mgr-btn mgr-btn--ghost mgr-btn--big" onClick={onCancel} data-testid="pin-cancel">
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
