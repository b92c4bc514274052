/**
 * A labelled control with an optional hint and validation message, wired for assistive tech:
 * `htmlFor`/`id`, `aria-describedby` (hint, error) and `aria-invalid`. Either the kit's text input
 * (`value` + `onValue`), or any control through a render function that receives the ids.
 */
import { useId, type InputHTMLAttributes, type ReactElement, type ReactNode, type Ref } from 'react';

/** What a custom control spreads onto itself to be wired to its label, hint and error. */
export interface FieldIds {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
}

interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Shown on the right of the label, e.g. a "scan" cue. */
  aside?: ReactNode;
  className?: string;
}

export type FieldInputProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id' | 'children' | 'className'> & {
    value: string;
    onValue: (value: string) => void;
    testId?: string;
    inputRef?: Ref<HTMLInputElement>;
    children?: never;
  };

export type FieldSlotProps = FieldFrame & {
  /** Renders the control (select, textarea, checkbox…); spread the ids onto it. */
  children: (ids: FieldIds) => ReactNode;
};

export type FieldProps = FieldInputProps | FieldSlotProps;

// Overloads, the slot form last, so `Parameters<typeof Field>[0]['children']` names the render function.
export function Field(props: FieldInputProps): ReactElement;
export function Field(props: FieldSlotProps): ReactElement;
export function Field(props: FieldProps): ReactElement {
  const id = useId();
  const { label, hint, error, aside, className } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errorId : null].filter((x) => x !== null).join(' ');
  const ids: FieldIds = { id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': error !== undefined ? true : undefined };
  return (
    <div className={`field${error !== undefined ? ' field--error' : ''}${className !== undefined ? ` ${className}` : ''}`}>
      <div className="field__top">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      {isSlot(props) ? props.children(ids) : <FieldInput {...props} ids={ids} />}
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

function isSlot(props: FieldProps): props is FieldSlotProps {
  return typeof props.children === 'function';
}

function FieldInput({ ids, label: _label, hint: _hint, error: _error, aside: _aside, className: _className, value, onValue, testId, inputRef, ...rest }: FieldInputProps & { ids: FieldIds }) {
  return <input {...ids} ref={inputRef} className="field__input" value={value} onChange={(e) => onValue(e.target.value)} autoComplete="off" spellCheck={false} data-testid={testId} {...rest} />;
}
