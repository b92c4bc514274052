/** Small shared pieces: loading placeholders and text only assistive tech reads. */
import type { ReactNode } from 'react';

/** A shimmering placeholder while something loads (hidden from assistive tech). */
export function Skeleton({ className }: { className?: string }) {
  return <span className={`skeleton${className !== undefined ? ` ${className}` : ''}`} aria-hidden="true" />;
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}
