/** The button that shows or hides the content after it: its state is `aria-expanded`. */
import type { ReactNode } from 'react';

export interface DisclosureProps {
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
  /** The id of what it shows, when that is always in the page. */
  controls?: string;
  testId?: string;
}

export function Disclosure({ open, onToggle, children, controls, testId }: DisclosureProps) {
  return (
    <button type="button" className="mgr-disclosure" aria-expanded={open} aria-controls={controls} onClick={onToggle} data-testid={testId}>
      {children}
    </button>
  );
}
