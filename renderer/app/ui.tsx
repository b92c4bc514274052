/** Small building blocks for the cashier screen: visible shortcut keys, fields, dialogs, skeletons. */
import { useEffect, useId, useRef, type ButtonHTMLAttributes, type InputHTMLAttributes, type KeyboardEvent as ReactKeyboardEvent, type ReactNode, type Ref } from 'react';
import { LAYER, useShortcut, useShortcutLayer } from './shortcuts.ts';

/** A key cap, shown on every button that has a shortcut. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}

/** How a binding name reads on a key cap. */
export function keyLabel(key: string): string {
  return key.replace('Escape', 'Esc').replace('Enter', '⏎').replace('Ctrl+', 'Ctrl ').replace('Alt+', 'Alt ');
}

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className'> & {
  /** The shortcut shown on the button (the binding itself is registered separately). */
  shortcut?: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost' | 'quiet';
  size?: 'normal' | 'large' | 'small';
  testId?: string;
  className?: string;
  ref?: Ref<HTMLButtonElement>;
};

export function Button({ shortcut, variant = 'secondary', size = 'normal', testId, className, children, type = 'button', ...rest }: ButtonProps) {
  return (
    <button
      type={type}
      className={`btn btn--${variant} btn--${size}${className !== undefined ? ` ${className}` : ''}`}
      aria-keyshortcuts={shortcut}
      data-testid={testId}
      {...rest}
    >
      <span className="btn__label">{children}</span>
      {shortcut !== undefined && <Kbd>{keyLabel(shortcut)}</Kbd>}
    </button>
  );
}

type FieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  testId?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Shown on the right of the label, e.g. a "scan" cue. */
  aside?: ReactNode;
};

export function Field({ label, value, onValue, error, hint, testId, inputRef, aside, ...rest }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null].filter((x) => x !== null).join(' ');
  return (
    <div className={`field${error !== undefined ? ' field--error' : ''}`}>
      <div className="field__top">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      <input
        id={id}
        ref={inputRef}
        className="field__input"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy === '' ? undefined : describedBy}
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
        {...rest}
      />
      {hint !== undefined && (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      )}
      {error !== undefined && (
        <div id={errorId} className="field__error" role="alert">
          <span aria-hidden="true">✕ </span>
          {error}
        </div>
      )}
    </div>
  );
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: labelled, focus moved in (to `[data-autofocus]` or the first control) and kept
 * in, Esc closes it (through the shortcut registry, so nothing behind it reacts), and focus goes
 * back where it was on close.
 */
export function Dialog({
  title,
  onClose,
  children,
  className,
  layer = LAYER.panel,
  role = 'dialog',
  testId,
  describedBy,
  hideTitle = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  layer?: number;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
  describedBy?: string;
  hideTitle?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useShortcutLayer(layer);
  useShortcut('Escape', onClose, { layer });
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE) ?? root;
    first?.focus();
    return () => {
      if (before !== null && before.isConnected) before.focus();
    };
  }, []);
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'Tab' || ref.current === null) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        className={`dialog${className !== undefined ? ` ${className}` : ''}`}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className={hideTitle ? 'visually-hidden' : 'dialog__title'}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <span className={`skeleton${className !== undefined ? ` ${className}` : ''}`} aria-hidden="true" />;
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
