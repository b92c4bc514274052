/**
 * A form that runs `onSubmit` in place of the browser's submit (no page load): Enter in a field or
 * the submit button both end up there. Other attributes (`className`, `noValidate`…) pass through.
 */
import type { FormHTMLAttributes } from 'react';

export interface FormProps extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> {
  onSubmit: () => void;
}

export function Form({ onSubmit, children, ...rest }: FormProps) {
  return (
    <form
      {...rest}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}
