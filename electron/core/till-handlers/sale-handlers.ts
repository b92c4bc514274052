/**
 * Returns: look a sale up, then take back points — by default the returned share of what the
 * sale awarded (using the sale total the journal stored, not today's earn rule), or an explicit
 * number of points; either way capped by the engine at what is left of the award. A return the
 * journal cannot make gets a typed error; a repeated return (same return id) comes back as the
 * engine's `duplicate` outcome instead.
 */
import { defineMessages } from '@formatjs/intl';
import { englishText } from '../../../shared/i18n/translator.ts';
import { IpcError, type ErrorCode } from '../../../shared/ipc/envelope.ts';
import { localizedError } from '../../../shared/ipc/localized-error.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import { parseAmount } from './award-handlers.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

const MESSAGES = defineMessages({
  returnedMissing: { id: 'till.return.returnedMissing', defaultMessage: 'Enter the amount that was returned.', description: 'Return refused: no returned amount' },
  returnedZero: { id: 'till.return.returnedZero', defaultMessage: 'The returned amount must be more than zero.', description: 'Return refused: returned amount is zero' },
  pointsMissing: { id: 'till.return.pointsMissing', defaultMessage: 'Enter the points to take back.', description: 'Return refused: no points given' },
  notFound: { id: 'till.return.notFound', defaultMessage: 'Sale {sale} is not in this till’s journal.', description: 'Return refused: unknown sale id' },
  notConfirmed: { id: 'till.return.notConfirmed', defaultMessage: 'The points for sale {sale} are not confirmed yet.', description: 'Return refused: the award is not confirmed' },
  nothingLeft: { id: 'till.return.nothingLeft', defaultMessage: 'Nothing is left to take back for sale {sale}.', description: 'Return refused: all points already taken back' },
});

/** A return refusal for people; the engine's own English reason (when it gave one) stays the logged message. */
function refusal(code: ErrorCode, message: (typeof MESSAGES)[keyof typeof MESSAGES], sale: string, blocker: string | null | undefined): IpcError {
  return new IpcError(code, blocker ?? englishText(message, { sale }), undefined, { messageId: message.id, values: { sale } });
}

export function registerSaleHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('saleLookup', ({ posTxnId, businessDate }) => engineCall(deps, (engine) => engine.saleSummary(posTxnId, businessDate)));

  registry.handle('saleReturn', async ({ posTxnId, returnId, businessDate, mode, returnedAmount, points }) => {
    let amount: { mode: 'proportional'; returnedAmountMinor: number; currency: string } | { mode: 'points'; points: number };
    if (mode === 'proportional') {
      if (returnedAmount === undefined) throw localizedError('AMOUNT_INVALID', MESSAGES.returnedMissing);
      const { currency } = deps.settings.get();
      amount = { mode, returnedAmountMinor: parseAmount(returnedAmount, 'returned amount', currency), currency };
      if (amount.returnedAmountMinor === 0) throw localizedError('AMOUNT_INVALID', MESSAGES.returnedZero);
    } else {
      if (points === undefined) throw localizedError('AMOUNT_INVALID', MESSAGES.pointsMissing);
      amount = { mode, points };
    }
    const outcome = await engineCall(deps, (engine) => {
      const sale = engine.saleSummary(posTxnId, businessDate);
      if (!sale.clawbacks.some((c) => c.returnId === returnId)) {
        if (!sale.found) throw refusal('SALE_NOT_FOUND', MESSAGES.notFound, posTxnId, sale.blocker);
        if (sale.award !== null && sale.award.state !== 'confirmed') throw refusal('NOT_CONFIRMED', MESSAGES.notConfirmed, posTxnId, sale.blocker);
        if (sale.reversible === 0) throw refusal('NOTHING_TO_REVERSE', MESSAGES.nothingLeft, posTxnId, sale.blocker);
      }
      return engine.clawback({ posTxnId, returnId, ...(businessDate === undefined ? {} : { businessDate }), ...amount });
    });
    deps.screenRows.add(outcome.row);
    return outcome;
  });
}
