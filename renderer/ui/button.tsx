/** The one button: every action on both screens is one of these variants and sizes. */
import type { ButtonHTMLAttributes, Ref } from 'react';
import { Kbd, keyLabel } from './kbd.tsx';

export type ButtonVariant =
  /** The main action of a screen or dialog. */
  | 'primary'
  /** Any other action. */
  | 'secondary'
  /** Destroys or takes something back (clawback, forget a key). */
  | 'danger'
  /** Gives something to the member (honor a coupon, award points): always green. */
  | 'honor'
  /** A warning-coloured call to look at something. */
  | 'notice'
  /** No fill, a thin border: secondary actions on busy rows. */
  | 'ghost'
  /** Takes the surrounding colour (on the status strip, on a verdict). */
  | 'quiet'
  /** Reads as a link. */
  | 'link';

export type ButtonSize = 'small' | 'normal' | 'large';

export type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** The key shown on the button (the binding itself is registered with `useShortcut`). */
  shortcut?: string;
  testId?: string;
  className?: string;
  ref?: Ref<HTMLButtonElement>;
};

export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'normal', extra?: string): string {
  return `btn btn--${variant} btn--${size}${extra !== undefined && extra !== '' ? ` ${extra}` : ''}`;
}

/**
 * `type="button"` unless told otherwise, so a button inside a form never submits by accident.
 * The accessible name is the children (or `aria-label`); the shortcut is exposed as
 * `aria-keyshortcuts` and shown as a key cap.
 */
export function Button({ shortcut, variant = 'secondary', size = 'normal', testId, className, children, type = 'button', ...rest }: ButtonProps) {
  return (
    <button type={type} className={buttonClass(variant, size, className)} aria-keyshortcuts={shortcut} data-testid={testId} {...rest}>
      <span className="btn__label">{children}</span>
      {shortcut !== undefined && <Kbd>{keyLabel(shortcut)}</Kbd>}
    </button>
  );
}
