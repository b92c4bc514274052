/**
 * Award preview and submit. Main decides everything that matters: the sale total is parsed here
 * (the renderer sends the string the cashier typed), the points come from the settings' earn rule
 * and the tier multiplier of the card *this session* fetched, and an award is refused unless
 * that card — balance, tier and coupons — was fetched within `cardFreshnessMinutes`.
 */
import { parseSaleAmount, previewPoints } from '../../../shared/earn/earn-rule.ts';
import type { EarnRule } from '../../../shared/earn/earn-rule.ts';
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { EarnPreview } from '../../../shared/ipc/schemas/till.ts';
import { formatMoneyMachine } from '../../../shared/money.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { ShownCard } from './card-session.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

/** Sale total (as typed) → minor units of the store's currency, or AMOUNT_INVALID with the earn rule's own wording. */
export function parseAmount(text: string, what: string, currency: string): number {
  const money = parseSaleAmount(text, what, currency);
  if (!money.ok) throw new IpcError('AMOUNT_INVALID', money.message);
  return money.minor;
}

/** `currency`: the sale's: the store's for a typed sale, the POS sale's own (always the store's too). */
export function earnPreview(rule: EarnRule, saleTotal: string, card: ShownCard, currency: string): EarnPreview {
  const money = parseSaleAmount(saleTotal, 'sale total', currency);
  if (!money.ok) throw new IpcError('AMOUNT_INVALID', money.message);
  const saleTotalMinor = money.minor;
  const amount = formatMoneyMachine(saleTotalMinor, currency);
  const result = previewPoints({ saleTotal: amount, rule, tierMultiplier: card.tierMultiplier, currency });
  if (!result.ok) throw new IpcError('AMOUNT_INVALID', result.message);
  const { base, multiplier, tierApplied } = result.breakdown;
  const tier = tierApplied ? ` × ${multiplier} (${card.tierName})` : '';
  return {
    points: result.points,
    saleTotalMinor,
    base,
    multiplier,
    tierApplied,
    explanation: `${amount} × ${rule.pointsPerUnit} pts${tier} = ${result.points} pts`,
  };
}

export function registerAwardHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  const shownCard = (memberId: string): ShownCard => deps.cards.require(memberId, deps.now(), deps.settings.get().cardFreshnessMinutes);

  // A typed total is in the store's currency: "1980" is yen in a yen store, "12.345" dinars in a dinar store.
  registry.handle('awardPreview', ({ memberId, saleTotal }) => {
    const { earnRule, currency } = deps.settings.get();
    parseAmount(saleTotal, 'sale total', currency); // a bad amount is reported as such, even before the card
    return earnPreview(earnRule, saleTotal, shownCard(memberId), currency);
  });

  registry.handle('awardSubmit', async ({ memberId, posTxnId, saleTotal, businessDate }) => {
    const { earnRule, currency } = deps.settings.get();
    parseAmount(saleTotal, 'sale total', currency);
    const preview = earnPreview(earnRule, saleTotal, shownCard(memberId), currency);
    if (preview.points === 0) throw new IpcError('AMOUNT_INVALID', `This sale earns no points (${preview.explanation}).`);
    const outcome = await engineCall(deps, (engine) =>
      engine.award({ memberId, posTxnId, points: preview.points, saleTotalMinor: preview.saleTotalMinor, ...(businessDate === undefined ? {} : { businessDate }) }),
    );
    deps.screenRows.add(outcome.row);
    return outcome;
  });
}
