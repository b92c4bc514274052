/**
 * Returns: look a sale up, then take back points — by default the returned share of what the
 * sale awarded (using the sale total the journal stored, not today's earn rule), or an explicit
 * number of points; either way capped by the engine at what is left of the award. A return the
 * journal cannot make gets a typed error; a repeated return (same return id) comes back as the
 * engine's `duplicate` outcome instead.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import { parseAmount } from './award-handlers.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

export function registerSaleHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('saleLookup', ({ posTxnId, businessDate }) => engineCall(deps, (engine) => engine.saleSummary(posTxnId, businessDate)));

  registry.handle('saleReturn', async ({ posTxnId, returnId, businessDate, mode, returnedAmount, points }) => {
    let amount: { mode: 'proportional'; returnedAmountMinor: number } | { mode: 'points'; points: number };
    if (mode === 'proportional') {
      if (returnedAmount === undefined) throw new IpcError('AMOUNT_INVALID', 'Enter the amount that was returned.');
      amount = { mode, returnedAmountMinor: parseAmount(returnedAmount, 'returned amount') };
      if (amount.returnedAmountMinor === 0) throw new IpcError('AMOUNT_INVALID', 'The returned amount must be more than zero.');
    } else {
      if (points === undefined) throw new IpcError('AMOUNT_INVALID', 'Enter the points to take back.');
      amount = { mode, points };
    }
    const outcome = await engineCall(deps, (engine) => {
      const sale = engine.saleSummary(posTxnId, businessDate);
      if (!sale.clawbacks.some((c) => c.returnId === returnId)) {
        if (!sale.found) throw new IpcError('SALE_NOT_FOUND', sale.blocker ?? `Sale ${posTxnId} is not in this till's journal.`);
        if (sale.award !== null && sale.award.state !== 'confirmed') throw new IpcError('NOT_CONFIRMED', sale.blocker ?? `The points for sale ${posTxnId} are not confirmed yet.`);
        if (sale.reversible === 0) throw new IpcError('NOTHING_TO_REVERSE', sale.blocker ?? `Nothing is left to take back for sale ${posTxnId}.`);
      }
      return engine.clawback({ posTxnId, returnId, ...(businessDate === undefined ? {} : { businessDate }), ...amount });
    });
    deps.screenRows.add(outcome.row);
    return outcome;
  });
}
