/**
 * The door to the manager console: enter the PIN (wrong PINs count down to a lockout whose end is
 * shown live; an on-screen keypad for touch tills), or set one with the till's set-up code:
 *
 * - first run: the code is shown here, once, to be written down, and typed back to set the PIN;
 * - a PIN record that is missing or was altered while the till holds keys or settings: locked,
 *   until a new PIN is set with the code noted at the first run, or keys and settings are cleared;
 * - a forgotten PIN: reset with the same code.
 *
 * A view over two stores: the typed digits and which form is shown in the gate's form store
 * (pin-gate-store.ts), every question to main and its answer in the session store.
 */
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { defineMessages } from '@formatjs/intl';
import type { LockState } from '../../../shared/ipc/contract.ts';
import { PIN_MAX_DIGITS, PIN_MIN_DIGITS } from '../../../shared/ipc/schemas/pin.ts';
import { useManagerSession, useRuntime } from '../../app/context.tsx';
import { useManagerData, usePinGate } from '../use-manager-data.ts';
import { Button, Field, Form, type FieldIds } from '../../ui/index.ts';
import { lockoutText } from './pin-model.ts';
import { fmtDuration } from '../../app/format.ts';
import { useT, useTranslator } from '../../app/translate.tsx';

const M = defineMessages({
  title: { id: 'manager.pin.title', defaultMessage: 'Manager PIN', description: 'PIN gate heading' },
  enter: { id: 'manager.pin.enter', defaultMessage: 'Enter the manager PIN', description: 'PIN gate: PIN field label' },
  keypad: { id: 'manager.pin.keypad', defaultMessage: 'PIN keypad', description: 'PIN gate: label of the on-screen keypad' },
  clearPin: { id: 'manager.pin.clearPin', defaultMessage: 'Clear PIN', description: 'PIN gate keypad: the C key' },
  deleteDigit: { id: 'manager.pin.deleteDigit', defaultMessage: 'Delete last digit', description: 'PIN gate keypad: the backspace key' },
  left: { id: 'manager.pin.left', defaultMessage: '{time} left', description: 'PIN gate: lockout countdown; {time} a duration like "4 min 5 sec"' },
  checking: { id: 'manager.pin.checking', defaultMessage: 'Checking…', description: 'PIN gate: unlock button while checking' },
  unlock: { id: 'manager.pin.unlock', defaultMessage: 'Unlock', description: 'PIN gate: unlock button' },
  cancel: { id: 'manager.pin.cancel', defaultMessage: 'Cancel', description: 'PIN gate: leave the console' },
  back: { id: 'manager.pin.back', defaultMessage: 'Back', description: 'PIN gate: back from the forgotten-PIN form' },
  forgot: { id: 'manager.pin.forgot', defaultMessage: 'Forgot the PIN?', description: 'PIN gate: open the reset form' },
  titleFirstRun: { id: 'manager.pin.title.firstRun', defaultMessage: 'Set up the manager PIN', description: 'PIN gate heading: first run' },
  titleReset: { id: 'manager.pin.title.reset', defaultMessage: 'Manager PIN needed', description: 'PIN gate heading: the PIN record cannot be trusted' },
  titleForgot: { id: 'manager.pin.title.forgot', defaultMessage: 'Reset a forgotten PIN', description: 'PIN gate heading: forgotten PIN' },
  codeShown: { id: 'manager.pin.codeShown', defaultMessage: 'This till’s set-up code, shown only now:', description: 'PIN gate first run: before the set-up code' },
  codeKeep: {
    id: 'manager.pin.codeKeep',
    defaultMessage:
      'Write it down and keep it away from the till. It is needed to set the first PIN, and later to reset a forgotten PIN, or one whose record was changed outside the till, without clearing the keys.',
    description: 'PIN gate first run: what the set-up code is for',
  },
  untrusted: {
    id: 'manager.pin.untrusted',
    defaultMessage:
      'The manager PIN on this till cannot be trusted: its record is missing or was changed outside the till. Manager functions stay locked until a new PIN is set with the set-up code noted when the till was first set up.',
    description: 'PIN gate: the PIN record is missing or altered',
  },
  noCode: {
    id: 'manager.pin.noCode',
    defaultMessage: 'No set-up code can reset this till any more (its protection key was replaced). The only way on is to clear the keys and settings below.',
    description: 'PIN gate: the set-up code cannot work any more',
  },
  typeCode: { id: 'manager.pin.typeCode', defaultMessage: 'Type the set-up code', description: 'PIN gate first run: set-up code field label' },
  code: { id: 'manager.pin.code', defaultMessage: 'Set-up code', description: 'PIN gate: set-up code field label' },
  newPin: { id: 'manager.pin.newPin', defaultMessage: 'New PIN', description: 'PIN gate: new PIN field label' },
  newPinHint: { id: 'manager.pin.newPinHint', defaultMessage: '{min} to {max} digits.', description: 'PIN gate: hint under New PIN' },
  newPinAgain: { id: 'manager.pin.newPinAgain', defaultMessage: 'New PIN again', description: 'PIN gate: repeat field label' },
  saving: { id: 'manager.pin.saving', defaultMessage: 'Saving…', description: 'PIN gate: set button while saving' },
  setAndOpen: { id: 'manager.pin.setAndOpen', defaultMessage: 'Set PIN and open', description: 'PIN gate: set the PIN and unlock' },
  clearStart: { id: 'manager.pin.clearTill.start', defaultMessage: 'No set-up code? Clear keys and settings…', description: 'PIN gate: start clearing the till' },
  clearWarn: {
    id: 'manager.pin.clearTill.warning',
    defaultMessage:
      'This deletes both API keys and every setting on this till (mode, store, till id, earn rule, scanner). The journal stays. A new set-up code is then shown for a new PIN, and the keys must be entered again.',
    description: 'PIN gate: what clearing the till does',
  },
  clearing: { id: 'manager.pin.clearTill.clearing', defaultMessage: 'Clearing…', description: 'PIN gate: clear button while clearing' },
  clearConfirm: { id: 'manager.pin.clearTill.confirm', defaultMessage: 'Yes, clear keys and settings', description: 'PIN gate: confirm clearing the till' },
  clearKeep: { id: 'manager.pin.clearTill.keep', defaultMessage: 'Keep them', description: 'PIN gate: do not clear the till' },
});

interface PinGateProps {
  state: LockState;
  onCancel: () => void;
}

export function PinGate({ state, onCancel }: PinGateProps) {
  const gate = useManagerData().pinGate;
  const forgot = usePinGate((s) => s.forgot);
  if (state.configured && !forgot) {
    return <VerifyPin onCancel={onCancel} onForgot={() => gate.getState().forgotPin()} />;
  }
  const variant: CodeVariant = state.configured ? 'forgot' : state.setup === 'first-run' ? 'first-run' : 'reset';
  return (
    <SetPinWithCode
      // Another form (a new set-up code): mounted afresh, so its first field takes the focus again.
      key={`${variant}-${state.setupCode ?? ''}`}
      variant={variant}
      state={state}
      onCancel={forgot ? () => gate.getState().backFromForgot() : onCancel}
    />
  );
}

/** The card every gate form sits in: titled, and submitting without a page load. */
function PinCard({ mode, title, onSubmit, children }: { mode: string; title: string; onSubmit: () => void; children: ReactNode }) {
  const titleId = useId();
  return (
    <div className="mgr-pin" data-testid="pin-gate" data-mode={mode}>
      <Form className="mgr-pin-card" aria-labelledby={titleId} noValidate onSubmit={onSubmit}>
        <h2 id={titleId}>{title}</h2>
        {children}
      </Form>
    </div>
  );
}

interface PinInputProps {
  ids: FieldIds;
  value: string;
  /** Digits only: anything else typed or pasted is dropped. */
  onChange: (digits: string) => void;
  testId: string;
  disabled?: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
}

function PinInput({ ids, value, onChange, testId, disabled = false, inputRef }: PinInputProps) {
  return (
    <input
      {...ids}
      ref={inputRef}
      className="mgr-pin-input"
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={PIN_MAX_DIGITS}
      disabled={disabled}
      value={value}
      onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      data-testid={testId}
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
  const tr = useTranslator();
  const t = useT();
  const gate = useManagerData().pinGate;
  const notice = useManagerSession((s) => s.notice);
  const message = useManagerSession((s) => s.message);
  const lockedUntil = useManagerSession((s) => s.lockedOutUntil);
  const busy = useManagerSession((s) => s.busy === 'verify');
  const pin = usePinGate((s) => s.pin);
  const inputRef = useRef<HTMLInputElement>(null);
  const now = useNow(lockedUntil !== null);
  const locked = lockedUntil !== null && lockedUntil > now;

  useEffect(() => {
    if (!locked) inputRef.current?.focus();
  }, [locked]);

  async function submit() {
    if (busy || locked) return;
    await gate.getState().verify();
    inputRef.current?.focus();
  }

  const press = (d: string) => gate.getState().press(d);

  return (
    <PinCard mode="verify" title={t(M.title)} onSubmit={() => void submit()}>
      {notice !== null && (
        <p className="mgr-hint" data-testid="pin-notice">
          {notice}
        </p>
      )}
      <Field label={t(M.enter)}>
        {(ids) => <PinInput ids={ids} inputRef={inputRef} disabled={locked} value={pin} onChange={(v) => gate.getState().typePin(v)} testId="pin-input" />}
      </Field>
      <div className="mgr-keypad" role="group" aria-label={t(M.keypad)}>
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
          <button key={d} type="button" className="mgr-key" disabled={locked} onClick={() => press(d)} tabIndex={-1}>
            {d}
          </button>
        ))}
        <button type="button" className="mgr-key" disabled={locked} onClick={() => gate.getState().clearPin()} tabIndex={-1} aria-label={t(M.clearPin)}>
          C
        </button>
        <button type="button" className="mgr-key" disabled={locked} onClick={() => press('0')} tabIndex={-1}>
          0
        </button>
        <button type="button" className="mgr-key" disabled={locked} onClick={() => gate.getState().backspace()} tabIndex={-1} aria-label={t(M.deleteDigit)}>
          ⌫
        </button>
      </div>
      <p className="mgr-pin-message" role="alert" data-testid="pin-message">
        {locked && lockedUntil !== null ? lockoutText(lockedUntil, t, tr.locale) : (message ?? '')}
      </p>
      {locked && lockedUntil !== null && (
        // Outside the alert: a live region that changed every second would talk over everything.
        <p className="mgr-hint" data-testid="pin-countdown">
          {t(M.left, { time: fmtDuration(lockedUntil - now, tr, true) })}
        </p>
      )}
      <div className="mgr-row-gap">
        <Button type="submit" variant="primary" size="large" disabled={busy || locked} testId="pin-submit">
          {t(busy ? M.checking : M.unlock)}
        </Button>
        <Button variant="ghost" size="large" onClick={onCancel} testId="pin-cancel">
          {t(M.cancel)}
        </Button>
      </div>
      <Button variant="ghost" onClick={onForgot} testId="pin-forgot">
        {t(M.forgot)}
      </Button>
    </PinCard>
  );
}

type CodeVariant = 'first-run' | 'reset' | 'forgot';

const TITLES = { 'first-run': M.titleFirstRun, reset: M.titleReset, forgot: M.titleForgot } as const satisfies Record<CodeVariant, unknown>;

function SetPinWithCode({ variant, state, onCancel }: { variant: CodeVariant; state: LockState; onCancel: () => void }) {
  const t = useT();
  const gate = useManagerData().pinGate;
  const errors = useManagerSession((s) => s.fieldErrors);
  const message = useManagerSession((s) => s.message);
  const busy = useManagerSession((s) => s.busy === 'set');
  const code = usePinGate((s) => s.code);
  const pin = usePinGate((s) => s.newPin);
  const repeat = usePinGate((s) => s.repeat);
  const codeUsable = state.setupCodeUsable;

  function submit() {
    if (!busy) void gate.getState().setPin();
  }

  return (
    <PinCard mode={variant === 'first-run' ? 'set' : variant} title={t(TITLES[variant])} onSubmit={submit}>
      {variant === 'first-run' && state.setupCode !== null && (
        <>
          <p className="mgr-hint">{t(M.codeShown)}</p>
          <p className="mgr-setup-code" data-testid="setup-code-shown">
            {state.setupCode}
          </p>
          <p className="mgr-hint">{t(M.codeKeep)}</p>
        </>
      )}
      {variant === 'reset' && (
        <p className="banner banner--warn" role="status" data-testid="pin-untrusted">
          {t(M.untrusted)}
        </p>
      )}
      {variant === 'reset' && !codeUsable && (
        <p className="mgr-hint" data-testid="pin-no-code">
          {t(M.noCode)}
        </p>
      )}
      {(variant !== 'reset' || codeUsable) && (
        <>
          <Field label={t(variant === 'first-run' ? M.typeCode : M.code)} error={errors.code}>
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
                onChange={(e) => gate.getState().setField('code', e.target.value)}
                data-testid="pin-setup-code"
              />
            )}
          </Field>
          <Field label={t(M.newPin)} hint={t(M.newPinHint, { min: PIN_MIN_DIGITS, max: PIN_MAX_DIGITS })} error={errors.pin}>
            {(ids) => <PinInput ids={ids} value={pin} onChange={(v) => gate.getState().setField('pin', v)} testId="pin-new" />}
          </Field>
          <Field label={t(M.newPinAgain)} error={errors.repeat}>
            {(ids) => <PinInput ids={ids} value={repeat} onChange={(v) => gate.getState().setField('repeat', v)} testId="pin-repeat" />}
          </Field>
        </>
      )}
      <p className="mgr-pin-message" role="alert" data-testid="pin-message">
        {message ?? ''}
      </p>
      <div className="mgr-row-gap">
        {(variant !== 'reset' || codeUsable) && (
          <Button type="submit" variant="primary" size="large" disabled={busy} testId="pin-set">
            {t(busy ? M.saving : M.setAndOpen)}
          </Button>
        )}
        <Button variant="ghost" size="large" onClick={onCancel} testId="pin-cancel">
          {t(variant === 'forgot' ? M.back : M.cancel)}
        </Button>
      </div>
      {variant === 'reset' && <ClearTill />}
    </PinCard>
  );
}

/** The way out without the set-up code: both keys and all settings go, the journal stays. Two steps. */
function ClearTill() {
  const t = useT();
  const session = useRuntime().session;
  const gate = useManagerData().pinGate;
  const busy = useManagerSession((s) => s.busy === 'clear');
  const message = useManagerSession((s) => s.clearMessage);
  const asking = usePinGate((s) => s.askingClear);

  function clear() {
    // Done: the lock state is a first run again, and the gate shows the new set-up code.
    void session.getState().clearTill();
  }

  return (
    <div className="mgr-clear-till" data-testid="till-reset">
      {!asking ? (
        <Button onClick={() => gate.getState().askClear(true)} testId="till-reset-start">
          {t(M.clearStart)}
        </Button>
      ) : (
        <>
          <p className="banner banner--warn">
            {t(M.clearWarn)}
          </p>
          <div className="mgr-row-gap">
            <Button variant="danger" disabled={busy} onClick={clear} testId="till-reset-confirm">
              {t(busy ? M.clearing : M.clearConfirm)}
            </Button>
            <Button variant="ghost" disabled={busy} onClick={() => gate.getState().askClear(false)}>
              {t(M.clearKeep)}
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
