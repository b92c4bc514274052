/** Key caps: every shortcut is shown on the control it triggers. */
import type { ReactNode } from 'react';

/** A key cap. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}

/** How a binding name (`Escape`, `Ctrl+K`) reads on a key cap. */
export function keyLabel(key: string): string {
  return key.replace('Escape', 'Esc').replace('Enter', '⏎').replace('Ctrl+', 'Ctrl ').replace('Alt+', 'Alt ');
}
