/**
 * Award and return outcomes in words, so each one reads unmistakably at arm's length: a tone
 * (colour), an icon, a headline in capitals and one sentence saying what to do. Pure, tested.
 */
import { defineMessages } from '@formatjs/intl';
import { createTranslator, type Translator } from '../../shared/i18n/translator.ts';
import { fmtPoints, fmtWhen } from '../app/format.ts';
import { engineText, type OutcomeView } from '../state/outcome.ts';

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

const M = defineMessages({
  subjectAward: { id: 'cashier.outcome.subjectAward', defaultMessage: '{who} · sale {sale}', description: 'Who and which sale an award was for' },
  subjectReturn: { id: 'cashier.outcome.subjectReturn', defaultMessage: 'Return {returnId} of sale {sale}', description: 'Which return and sale' },
  subjectReturnWho: { id: 'cashier.outcome.subjectReturnWho', defaultMessage: 'Return {returnId} of sale {sale} · {who}', description: 'Which return, sale and member' },
  noAgainAward: { id: 'cashier.outcome.noAgainAward', defaultMessage: 'Do not enter this sale again.', description: 'Warning after an award whose outcome is not final' },
  noAgainReturn: { id: 'cashier.outcome.noAgainReturn', defaultMessage: 'Do not enter this return again.', description: 'Warning after a return whose outcome is not final' },
  awarded: { id: 'cashier.outcome.awarded', defaultMessage: 'AWARDED {pts}', description: 'Headline, capitals: points were awarded; {pts} e.g. +249 pts' },
  takenBack: { id: 'cashier.outcome.takenBack', defaultMessage: 'TAKEN BACK {pts}', description: 'Headline, capitals: points were taken back on a return' },
  newBalance: { id: 'cashier.outcome.newBalance', defaultMessage: 'New balance {pts}.', description: 'The member balance after the write' },
  confirmedPlain: { id: 'cashier.outcome.confirmedPlain', defaultMessage: 'SocialHub confirmed it.', description: 'Write confirmed, no balance known' },
  earlier: { id: 'cashier.outcome.earlier', defaultMessage: 'earlier', description: 'When a duplicate happened, unknown time' },
  alreadyAwarded: { id: 'cashier.outcome.alreadyAwarded', defaultMessage: 'ALREADY AWARDED', description: 'Headline, capitals: the sale was awarded before' },
  returnAlready: { id: 'cashier.outcome.returnAlready', defaultMessage: 'RETURN ALREADY RECORDED', description: 'Headline, capitals: the return was recorded before' },
  staleDuplicate: { id: 'cashier.outcome.staleDuplicate', defaultMessage: 'An older sale used the id {sale} {when}. Nothing was added. Check the transaction id on the receipt.', description: 'A transaction id was reused by an older sale' },
  duplicateAward: { id: 'cashier.outcome.duplicateAward', defaultMessage: 'This sale got {pts} {when}. Nothing was added.', description: 'Duplicate award; {when} e.g. today at 14:02' },
  duplicateReturn: { id: 'cashier.outcome.duplicateReturn', defaultMessage: 'This return took back {pts} {when}. Nothing more was taken.', description: 'Duplicate return' },
  queued: { id: 'cashier.outcome.queued', defaultMessage: 'QUEUED — WILL BE SENT', description: 'Headline, capitals: the write is saved and will be sent later' },
  queuedDetail: { id: 'cashier.outcome.queuedDetail', defaultMessage: 'Not sent yet: the {pts} are saved on this till and will be sent automatically. {noAgain}', description: 'Queued write; {noAgain} is the do-not-enter-again sentence' },
  checking: { id: 'cashier.outcome.checking', defaultMessage: 'CHECKING', description: 'Headline, capitals: outcome unknown, being checked' },
  checkingDetail: { id: 'cashier.outcome.checkingDetail', defaultMessage: 'No clear answer from SocialHub. The till is checking whether the {pts} went through. {noAgain}', description: 'Unknown outcome being verified' },
  needsAttention: { id: 'cashier.outcome.needsAttention', defaultMessage: 'NEEDS ATTENTION', description: 'Headline, capitals: a manager must look' },
  needsAttentionDetail: { id: 'cashier.outcome.needsAttentionDetail', defaultMessage: 'A manager must check this (Manager, F9). {noAgain}', description: 'What to do when a write needs a manager' },
  notAwarded: { id: 'cashier.outcome.notAwarded', defaultMessage: 'NOT AWARDED', description: 'Headline, capitals: award refused' },
  notTakenBack: { id: 'cashier.outcome.notTakenBack', defaultMessage: 'NOT TAKEN BACK', description: 'Headline, capitals: return refused' },
  refused: { id: 'cashier.outcome.refused', defaultMessage: 'SocialHub refused it.', description: 'A write was refused, no reason given' },
  resolved: { id: 'cashier.outcome.resolved', defaultMessage: 'RESOLVED BY A MANAGER', description: 'Headline, capitals: a manager settled the write' },
});

let english: Translator | null = null;

export function describeOutcome(view: OutcomeView, now: number = Date.now(), translator?: Translator): OutcomeText {
  english ??= createTranslator('en');
  const tr = translator ?? english;
  const t = tr.t.bind(tr);
  const award = view.kind === 'award';
  const who = view.memberName ?? view.memberId;
  const subject = award
    ? t(M.subjectAward, { who, sale: view.posTxnId })
    : view.memberName !== null
      ? t(M.subjectReturnWho, { returnId: view.returnId ?? '', sale: view.posTxnId, who: view.memberName })
      : t(M.subjectReturn, { returnId: view.returnId ?? '', sale: view.posTxnId });
  const pts = fmtPoints(Math.abs(view.points), false, tr);
  const noAgain = t(award ? M.noAgainAward : M.noAgainReturn);
  // The engine's sentence adds the why (queued: offline or key refused; duplicate: a differing total;
  // needs attention: the reason); elsewhere it repeats what the headline already says.
  const noteWorthy = view.status === 'queued' || view.status === 'duplicate' || view.status === 'needs-attention';
  const engine = engineText(view, tr);
  const base = { subject, note: noteWorthy && engine.trim() !== '' ? engine : null } as const;
  switch (view.status) {
    case 'confirmed':
      return {
        ...base,
        tone: 'success',
        icon: '✓',
        title: award ? t(M.awarded, { pts: fmtPoints(view.points, true, tr) }) : t(M.takenBack, { pts: fmtPoints(-Math.abs(view.points), true, tr) }),
        detail: view.balance !== null ? t(M.newBalance, { pts: fmtPoints(view.balance, false, tr) }) : t(M.confirmedPlain),
        urgent: false,
      };
    case 'duplicate': {
      const when = view.rowCreatedAt !== null ? fmtWhen(view.rowCreatedAt, tr, now) : t(M.earlier);
      return {
        ...base,
        tone: 'warning',
        icon: '!',
        title: t(award ? M.alreadyAwarded : M.returnAlready),
        detail: view.stale ? t(M.staleDuplicate, { sale: view.posTxnId, when }) : award ? t(M.duplicateAward, { pts, when }) : t(M.duplicateReturn, { pts, when }),
        urgent: true,
      };
    }
    case 'queued':
      return { ...base, tone: 'queued', icon: '→', title: t(M.queued), detail: t(M.queuedDetail, { pts, noAgain }), urgent: true };
    case 'checking':
      return { ...base, tone: 'checking', icon: '…', title: t(M.checking), detail: t(M.checkingDetail, { pts, noAgain }), urgent: true };
    case 'needs-attention':
      return { ...base, tone: 'danger', icon: '⚠', title: t(M.needsAttention), detail: t(M.needsAttentionDetail, { noAgain }), urgent: true };
    case 'rejected':
      return {
        ...base,
        note: null,
        tone: 'danger',
        icon: '✕',
        title: t(award ? M.notAwarded : M.notTakenBack),
        detail: engine.trim() === '' ? t(M.refused) : engine,
        urgent: true,
      };
    case 'resolved':
      return { ...base, tone: 'info', icon: 'i', title: t(M.resolved), detail: engine, note: null, urgent: false };
  }
}
