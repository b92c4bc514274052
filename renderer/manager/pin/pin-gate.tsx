/**
 * The door to the manager console: enter the PIN (wrong PINs count down to a lockout whose end is
 * shown live; an on-screen keypad for touch tills), or set one with the till's set-up code:
 *
 * - first run: the code is shown here, once, to be written down, and typed back to set the PIN;
 * - a PIN record that is missing or was altered while the till holds keys or settings: locked,
 *   until a new PIN is set with the code noted at the first run, or keys and settings are cleared;
 * - a forgotten PIN: reset with the same code.
 */
import { useEffect, useRef, useState } from 'react';
import type { LockState } from '../../../shared/ipc/contract.ts';
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../../../shared/ipc/schemas/pin.ts';
import { errorText, useSession } from '../session.ts';
import { Field } from '../../ui/index.ts';
import { countdown, lockoutText, newPinProblem, pinProblem, setupCodeProblem, verifyView } from './pin-model.ts';

/** What the gate reports back: unlocked, cancelled, or a new lock state (attempts, lockout, reset). */
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
  const [forgot, setForgot] = useState(false);
  if (state.configured && !forgot) {
    return <VerifyPin state={state} notice={notice} onUnlocked={onUnlocked} onCancel={onCancel} onState={onState} onForgot={() => setForgot(true)} />;
  }
  const variant: CodeVariant = state.configured ? 'forgot' : state.setup === 'first-run' ? 'first-run' : 'reset';
  return (
    <SetPinWithCode
      key={`${variant}-${state.setupCode ?? ''}`}
      variant={variant}
      state={state}
      onUnlocked={(s) => {
        setForgot(false);
        onUnlocked(s);
      }}
      onCancel={forgot ? () => setForgot(false) : onCancel}
      onState={onState}
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

function VerifyPin({
  state,
  notice,
  onUnlocked,
  onCancel,
  onState,
  onForgot,
}: PinGateProps & { onForgot: () => void }) {
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
          <button type="submit" className="mgr-btn mgr-btn--primary mgr-btn--big" disabled={busy || locked} data-testid="pin-submit">
            {busy ? 'Checking…' : 'Unlock'}
          </button>
          <button type="button" className="mgr-btn mgr-btn--ghost mgr-btn--big" onClick={onCancel} data-testid="pin-cancel">
            Cancel
          </button>
        </div>
        <button type="button" className="mgr-btn mgr-btn--ghost" onClick={onForgot} data-testid="pin-forgot">
          Forgot the PIN?
        </button>
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

function SetPinWithCode({ variant, state, onUnlocked, onCancel, onState }: PinGateCallbacks & { variant: CodeVariant; state: LockState }) {
  const { call } = useSession();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ code?: string; pin?: string; repeat?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeUsable = state.setupCodeUsable;

  async function submit() {
    if (busy) return;
    const problems = { ...(setupCodeProblem(code) === null ? {} : { code: setupCodeProblem(code) ?? '' }), ...(newPinProblem(pin, repeat) ?? {}) };
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    const env = await call((t) => t.pinSet({ newPin: pin, setupCode: code }));
    setBusy(false);
    if (!env.ok) {
      if (env.error.code === 'SETUP_CODE_WRONG') setErrors({ code: env.error.message });
      else setMessage(errorText(env.error));
      return;
    }
    setCode('');
    setPin('');
    setRepeat('');
    if (env.value.unlocked) onUnlocked(env.value);
    else onState(env.value);
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
            <button type="submit" className="mgr-btn mgr-btn--primary mgr-btn--big" disabled={busy} data-testid="pin-set">
              {busy ? 'Saving…' : 'Set PIN and open'}
            </button>
          )}
          <button type="button" className="mgr-btn mgr-btn--ghost mgr-btn--big" onClick={onCancel} data-testid="pin-cancel">
            {variant === 'forgot' ? 'Back' : 'Cancel'}
          </button>
        </div>
        {variant === 'reset' && <ClearTill onState={onState} />}
      </form>
    </div>
  );
}

/** The way out without the set-up code: both keys and all settings go, the journal stays. Two steps. */
function ClearTill({ onState }: Pick<PinGateCallbacks, 'onState'>) {
  const { call } = useSession();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function clear() {
    setBusy(true);
    const env = await call((t) => t.tillReset({ confirm: 'clear keys and settings' }));
    setBusy(false);
    if (!env.ok) {
      setMessage(errorText(env.error));
      return;
    }
    onState(env.value); // back on a first run: the gate shows the new set-up code
  }

  return (
    <div className="mgr-clear-till" data-testid="till-reset">
      {!asking ? (
        <button type="button" className="mgr-btn" onClick={() => setAsking(true)} data-testid="till-reset-start">
          No set-up code? Clear keys and settings…
        </button>
      ) : (
        <>
          <p className="mgr-banner mgr-banner--warn">
            This deletes both API keys and every setting on this till (mode, store, till id, earn rule, scanner). The journal stays. A new set-up code is then
            shown for a new PIN, and the keys must be entered again.
          </p>
          <div className="mgr-row-gap">
            <button type="button" className="mgr-btn mgr-btn--danger" disabled={busy} onClick={() => void clear()} data-testid="till-reset-confirm">
              {busy ? 'Clearing…' : 'Yes, clear keys and settings'}
            </button>
            <button type="button" className="mgr-btn mgr-btn--ghost" disabled={busy} onClick={() => setAsking(false)}>
              Keep them
            </button>
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
