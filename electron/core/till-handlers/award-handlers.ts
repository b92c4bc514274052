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
import { DEFAULT_CURRENCY, formatMoneyMachine } from '../../../shared/money.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { ShownCard } from './card-session.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

/** Sale total (as typed) → minor units, or AMOUNT_INVALID with the earn rule's own wording. */
export function parseAmount(text: string, what: string): number {
  const money = parseSaleAmount(text, what);
  if (!money.ok) throw new IpcError('AMOUNT_INVALID', money.message);
  return money.minor;
}

/** `currency`: the sale's (a POS sale carries its own); the typed entry's amounts are USD. */
export function earnPreview(rule: EarnRule, saleTotal: string, card: ShownCard, currency: string = DEFAULT_CURRENCY): EarnPreview {
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

  registry.handle('awardPreview', ({ memberId, saleTotal }) => {
    parseAmount(saleTotal, 'sale total'); // a bad amount is reported as such, even before the card
    return earnPreview(deps.settings.get().earnRule, saleTotal, shownCard(memberId));
  });

  registry.handle('awardSubmit', async ({ memberId, posTxnId, saleTotal, businessDate }) => {
    parseAmount(saleTotal, 'sale total');
    const preview = earnPreview(deps.settings.get().earnRule, saleTotal, shownCard(memberId));
    if (preview.points === 0) throw new IpcError('AMOUNT_INVALID', `This sale earns no points (${preview.explanation}).`);
    const outcome = await engineCall(deps, (engine) =>
      engine.award({ memberId, posTxnId, points: preview.points, saleTotalMinor: preview.saleTotalMinor, ...(businessDate === undefined ? {} : { businessDate }) }),
    );
    deps.screenRows.add(outcome.row);
    return outcome;
  });
}
