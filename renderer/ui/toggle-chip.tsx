/** A chip that is on or off (a filter): a button whose state is `aria-pressed`. */
import type { ReactNode } from 'react';

export interface ToggleChipProps {
  pressed: boolean;
  onToggle: () => void;
  children: ReactNode;
  testId?: string;
}

export function ToggleChip({ pressed, onToggle, children, testId }: ToggleChipProps) {
  return (
    <button type="button" className="chip-toggle" aria-pressed={pressed} onClick={onToggle} data-testid={testId}>
      {children}
    </button>
  );
}
