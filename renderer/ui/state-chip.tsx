/** A journal row's state as a coloured word (the word carries the meaning, the colour helps). */
import type { ReactNode } from 'react';
import { STATE_LABEL_MESSAGES, type JournalState } from '../../shared/journal/states.ts';
import { useT } from '../app/translate.tsx';

export type ChipTone = 'ok' | 'wait' | 'warn' | 'bad' | 'done';

export const STATE_TONE: Readonly<Record<JournalState, ChipTone>> = {
  confirmed: 'ok',
  queued: 'wait',
  sending: 'wait',
  verifying: 'wait',
  unknown: 'warn',
  'needs-attention': 'bad',
  rejected: 'bad',
  resolved: 'done',
};

export function Chip({ tone, children, className }: { tone: ChipTone; children: ReactNode; className?: string }) {
  return <span className={`chip chip--${tone}${className !== undefined ? ` ${className}` : ''}`}>{children}</span>;
}

export function StateChip({ state }: { state: JournalState }) {
  const t = useT();
  return (
    <span className={`chip chip--${STATE_TONE[state]}`} data-state={state}>
      {t(STATE_LABEL_MESSAGES[state])}
    </span>
  );
}
