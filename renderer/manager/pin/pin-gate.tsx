/**
 * The door to the manager console: enter the PIN (wrong PINs count down to a lockout whose end is
 * shown live; an on-screen keypad for touch tills), or set one with the till's set-up code:
 *
 * - first run: the code is shown here, once, to be written down, and typed back to set the PIN;
 * - a PIN record that is missing or was altered while the till holds keys or settings: locked,
 *   until a new PIN is set with the code noted at the first run, or keys and settings are cleared;
 * - a forgotten PIN: reset with the same code.
 *
 * A view over the session store (state/session-store.ts): the typed digits stay here, every
 * question to main and its answer live there.
 */
import { useEffect, useRef, useState } from 'react';
import type { LockState } from '../../../shared/ipc/contract.ts';
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../../../shared/ipc/schemas/pin.ts';
import { useManagerSession, useRuntime } from '../../app/context.tsx';
import { Button, Field } from '../../ui/index.ts';
import { countdown, lockoutText, pinProblem } from './pin-model.ts';

interface PinGateProps {
  state: LockState;
  onCancel: () => void;
}

export function PinGate({ state, onCancel }: PinGateProps) {
  const session = useRuntime().session;
  const [forgot, setForgot] = useState(false);
  const phase = useManagerSession((s) => s.phase);
  // Back at the gate after an unlock: the verify form again, not a half-done reset.
  if (forgot && phase === 'open') setForgot(false);
  if (state.configured && !forgot) {
    return (
      <VerifyPin
        onCancel={onCancel}
        onForgot={() => {
          session.getState().clearGate();
          setForgot(true);
        }}
      />
    );
  }
  const variant: CodeVariant = state.configured ? 'forgot' : state.setup === 'first-run' ? 'first-run' : 'reset';
  return (
    <SetPinWithCode
      key={`${variant}-${state.setupCode ?? ''}`}
      variant={variant}
      state={state}
      onCancel={
        forgot
          ? () => {
              session.getState().clearGate();
              setForgot(false);
            }
          : onCancel
      }
    />
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

function VerifyPin({ onCancel, onForgot }: { onCancel: () => void; onForgot: () => void }) {
  const session = useRuntime().session;
  const notice = useManagerSession((s) => s.notice);
  const message = useManagerSession((s) => s.message);
  const lockedUntil = useManagerSession((s) => s.lockedOutUntil);
  const busy = useManagerSession((s) => s.busy === 'verify');
  const [pin, setPin] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const now = useNow(lockedUntil !== null);
  const locked = lockedUntil !== null && lockedUntil > now;

  useEffect(() => {
    if (!locked) inputRef.current?.focus();
  }, [locked]);

  async function submit() {
    if (busy || locked) return;
    const typed = pin;
    const verifying = session.getState().verify(typed);
    // A PIN refused before asking main stays in the field to be corrected; a sent one is cleared.
    if (pinProblem(typed) === null) setPin('');
    await verifying;
    inputRef.current?.focus();
  }

  const press = (d: string) => setPin((p) => (p.length < PIN_MAX_DIGITS ? p + d : p));

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
          <Button type="submit" variant="primary" size="large" disabled={busy || locked} testId="pin-submit">
            {busy ? 'Checking…' : 'Unlock'}
          </Button>
          <Button variant="ghost" size="large" onClick={onCancel} testId="pin-cancel">
            Cancel
          </Button>
        </div>
        <Button variant="ghost" onClick={onForgot} testId="pin-forgot">
          Forgot the PIN?
        </Button>
      </form>
    </div>
  );
}


type CodeVariant = 'first-run' | 'reset' | 'forgot';

const TITLES: Record<CodeVariant, string> = {
  'first-run': 'Set up the manager PIN',
  reset: 'Manager PIN needed',
  forgot: 'Reset a forgotten PIN',
};

function SetPinWithCode({ variant, state, onCancel }: { variant: CodeVariant; state: LockState; onCancel: () => void }) {
  const session = useRuntime().session;
  const errors = useManagerSession((s) => s.fieldErrors);
  const message = useManagerSession((s) => s.message);
  const busy = useManagerSession((s) => s.busy === 'set');
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const codeUsable = state.setupCodeUsable;

  async function submit() {
    if (busy) return;
    if (!(await session.getState().setPinWithCode({ code, pin, repeat }))) return;
    setCode('');
    setPin('');
    setRepeat('');
  }

  const pinField = (value: string, set: (v: string) => void, testId: string, autoFocus = false) => (ids: Parameters<Parameters<typeof Field>[0]['children']>[0]) => (
    <input
      {...ids}
      className="mgr-pin-input"
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={PIN_MAX_DIGITS}
      autoFocus={autoFocus}
      value={value}
      onChange={(e) => set(e.target.value.replace(/\D/g, ''))}
      data-testid={testId}
    />
  );

  return (
    <div className="mgr-pin" data-testid="pin-gate" data-mode={variant === 'first-run' ? 'set' : variant}>
      <form
        className="mgr-pin-card"
        aria-labelledby="pin-set-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="pin-set-title">{TITLES[variant]}</h2>
        {variant === 'first-run' && state.setupCode !== null && (
          <>
            <p className="mgr-hint">This till’s set-up code, shown only now:</p>
            <p className="mgr-setup-code" data-testid="setup-code-shown">
              {state.setupCode}
            </p>
            <p className="mgr-hint">
              Write it down and keep it away from the till. It is needed to set the first PIN, and later to reset a forgotten PIN, or one whose record was
              changed outside the till, without clearing the keys.
            </p>
          </>
        )}
        {variant === 'reset' && (
          <p className="mgr-banner mgr-banner--warn" role="status" data-testid="pin-untrusted">
            The manager PIN on this till cannot be trusted: its record is missing or was changed outside the till. Manager functions stay locked until a
            new PIN is set with the set-up code noted when the till was first set up.
          </p>
        )}
        {variant === 'reset' && !codeUsable && (
          <p className="mgr-hint" data-testid="pin-no-code">
            No set-up code can reset this till any more (its protection key was replaced). The only way on is to clear the keys and settings below.
          </p>
        )}
        {(variant !== 'reset' || codeUsable) && (
          <>
            <Field label={variant === 'first-run' ? 'Type the set-up code' : 'Set-up code'} error={errors.code}>
              {(ids) => (
                <input
                  {...ids}
                  className="mgr-setup-code-input"
                  type="text"
                  autoComplete="off"
                  autoCapitalize="characters"
                  spellCheck={false}
                  maxLength={20}
                  autoFocus
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  data-testid="pin-setup-code"
                />
              )}
            </Field>
            <Field label="New PIN" hint={`${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits.`} error={errors.pin}>
              {pinField(pin, setPin, 'pin-new')}
            </Field>
            <Field label="New PIN again" error={errors.repeat}>
              {pinField(repeat, setRepeat, 'pin-repeat')}
            </Field>
          </>
        )}
        <p className="mgr-pin-message" role="alert" data-testid="pin-message">
          {message ?? ''}
        </p>
        <div className="mgr-row-gap">
          {(variant !== 'reset' || codeUsable) && (
            <Button type="submit" variant="primary" size="large" disabled={busy} testId="pin-set">
              {busy ? 'Saving…' : 'Set PIN and open'}
            </Button>
          )}
          <Button variant="ghost" size="large" onClick={onCancel} testId="pin-cancel">
            {variant === 'forgot' ? 'Back' : 'Cancel'}
          </Button>
        </div>
        {variant === 'reset' && <ClearTill />}
      </form>
    </div>
  );
}

/** The way out without the set-up code: both keys and all settings go, the journal stays. Two steps. */
function ClearTill() {
  const session = useRuntime().session;
  const busy = useManagerSession((s) => s.busy === 'clear');
  const message = useManagerSession((s) => s.clearMessage);
  const [asking, setAsking] = useState(false);

  function clear() {
    // Done: the lock state is a first run again, and the gate shows the new set-up code.
    void session.getState().clearTill();
  }

  return (
    <div className="mgr-clear-till" data-testid="till-reset">
      {!asking ? (
        <Button onClick={() => setAsking(true)} testId="till-reset-start">
          No set-up code? Clear keys and settings…
        </Button>
      ) : (
        <>
          <p className="mgr-banner mgr-banner--warn">
            This deletes both API keys and every setting on this till (mode, store, till id, earn rule, scanner). The journal stays. A new set-up code is then
            shown for a new PIN, and the keys must be entered again.
          </p>
          <div className="mgr-row-gap">
            <Button variant="danger" disabled={busy} onClick={clear} testId="till-reset-confirm">
              {busy ? 'Clearing…' : 'Yes, clear keys and settings'}
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => setAsking(false)}>
              Keep them
            </Button>
          </div>
        </>
      )}
      {message !== null && (
        <p className="mgr-pin-message" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
