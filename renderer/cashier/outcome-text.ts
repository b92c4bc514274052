/**
 * Award and return outcomes in words, so each one reads unmistakably at arm's length: a tone
 * (colour), an icon, a headline in capitals and one sentence saying what to do. Pure, tested.
 */
import { fmtPoints, fmtWhen } from '../app/format.ts';
import type { OutcomeView } from '../state/outcome.ts';

export type OutcomeTone = 'success' | 'warning' | 'queued' | 'checking' | 'danger' | 'info';

export interface OutcomeText {
  tone: OutcomeTone;
  icon: string;
  title: string;
  detail: string;
  /** Who and which sale, e.g. "Ava Chen · sale T-1001". */
  subject: string;
  /** The engine's own sentence, when it adds something. */
  note: string | null;
  /** Assertive announcement (needs action) vs polite. */
  urgent: boolean;
}

export function describeOutcome(view: OutcomeView, now: number = Date.now()): OutcomeText {
  const award = view.kind === 'award';
  const who = view.memberName ?? view.memberId;
  const subject = award ? `${who} · sale ${view.posTxnId}` : `Return ${view.returnId ?? ''} of sale ${view.posTxnId}${view.memberName !== null ? ` · ${view.memberName}` : ''}`;
  const pts = fmtPoints(Math.abs(view.points));
  const noAgain = award ? 'Do not enter this sale again.' : 'Do not enter this return again.';
  // The engine's sentence adds the why (queued: offline or key refused; duplicate: a differing total;
  // needs attention: the reason); elsewhere it repeats what the headline already says.
  const noteWorthy = view.status === 'queued' || view.status === 'duplicate' || view.status === 'needs-attention';
  const base = { subject, note: noteWorthy && view.message.trim() !== '' ? view.message : null } as const;
  switch (view.status) {
    case 'confirmed':
      return {
        ...base,
        tone: 'success',
        icon: '✓',
        title: award ? `AWARDED ${fmtPoints(view.points, true)}` : `TAKEN BACK ${fmtPoints(-Math.abs(view.points), true)}`,
        detail: view.balance !== null ? `New balance ${fmtPoints(view.balance)}.` : 'SocialHub confirmed it.',
        urgent: false,
      };
    case 'duplicate': {
      const when = view.rowCreatedAt !== null ? ` ${fmtWhen(view.rowCreatedAt, now)}` : ' earlier';
      return {
        ...base,
        tone: 'warning',
        icon: '!',
        title: award ? 'ALREADY AWARDED' : 'RETURN ALREADY RECORDED',
        detail: view.stale
          ? `An older sale used the id ${view.posTxnId}${when}. Nothing was added. Check the transaction id on the receipt.`
          : award
            ? `This sale got ${pts}${when}. Nothing was added.`
            : `This return took back ${pts}${when}. Nothing more was taken.`,
        urgent: true,
      };
    }
    case 'queued':
      return {
        ...base,
        tone: 'queued',
        icon: '→',
        title: 'QUEUED — WILL BE SENT',
        detail: `Not sent yet: the ${pts} are saved on this till and will be sent automatically. ${noAgain}`,
        urgent: true,
      };
    case 'checking':
      return {
        ...base,
        tone: 'checking',
        icon: '…',
        title: 'CHECKING',
        detail: `No clear answer from SocialHub. The till is checking whether the ${pts} went through. ${noAgain}`,
        urgent: true,
      };
    case 'needs-attention':
      return {
        ...base,
        tone: 'danger',
        icon: '⚠',
        title: 'NEEDS ATTENTION',
        detail: `A manager must check this (Manager, F9). ${noAgain}`,
        urgent: true,
      };
    case 'rejected':
      return {
        ...base,
        note: null,
        tone: 'danger',
        icon: '✕',
        title: award ? 'NOT AWARDED' : 'NOT TAKEN BACK',
        detail: view.message.trim() === '' ? 'SocialHub refused it.' : view.message,
        urgent: true,
      };
    case 'resolved':
      return { ...base, tone: 'info', icon: 'i', title: 'RESOLVED BY A MANAGER', detail: view.message, note: null, urgent: false };
  }
}
