/** Label/value pairs (a journal entry's details, a key's fingerprint…) as a definition list. */
import type { ReactNode } from 'react';

export function Facts({ items, testId }: { items: ReadonlyArray<readonly [string, ReactNode]>; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      {items.map(([k, v]) => (
        <div key={k} className="facts__item">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
