/**
 * Award preview and submit. Main decides everything that matters: the sale total is parsed here
 * (the renderer sends the string the cashier typed), the points come from the settings' earn rule
 * and the tier multiplier of the card *this session* fetched, and an award is refused unless
 * that card — balance, tier and coupons — was fetched within `cardFreshnessMinutes`.
 */
import { defineMessages } from '@formatjs/intl';
import { parseSaleAmount, previewPoints } from '../../../shared/earn/earn-rule.ts';
import { englishText, localize, type LocalizedText } from '../../../shared/i18n/translator.ts';
import type { EarnRule } from '../../../shared/earn/earn-rule.ts';
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { EarnPreview } from '../../../shared/ipc/schemas/till.ts';
import { formatMoneyMachine } from '../../../shared/money.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { ShownCard } from './card-session.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

const MESSAGES = defineMessages({
  amount: {
    id: 'till.award.amountInvalid',
    defaultMessage:
      '{what, select, saleTotal {The sale total} other {The returned amount}} cannot be used: {code, select, empty {it is empty.} negative {it is negative.} tooManyDecimals {it has too many decimals.} tooLarge {it is too large.} other {the till cannot read it as an amount.}}',
    description: 'Main refused an amount (the renderer normally catches this first); {code} is the reason',
  },
  earnFailed: {
    id: 'till.award.earnFailed',
    defaultMessage: 'The points for this sale cannot be worked out. Check the total; if it is right, a manager must check the earn rule.',
    description: 'The earn rule could not compute points for this total',
  },
  explanation: {
    id: 'till.award.explanation',
    defaultMessage: '{amount} × {perUnit, number} pts{tierApplied, select, yes { × {multiplier, number} ({tierName})} other {}} = {points, number} pts',
    description: 'Why the award preview gives these points: sale total × points per unit (× tier multiplier and tier name) = points',
  },
  noPoints: { id: 'till.award.noPoints', defaultMessage: 'This sale earns no points: the total is below what the earn rule counts.', description: 'Award refused: zero points' },
});

function amountRefusal(refused: { message: string; code: string; localized?: LocalizedText }, what: string): IpcError {
  // The earn rule's own limit says what the limit is; any other refusal is named by its code.
  if (refused.localized !== undefined) return new IpcError('AMOUNT_INVALID', refused.message, undefined, refused.localized);
  // ICU select keys are plain words: 'too-many-decimals' → 'tooManyDecimals'.
  const key = refused.code.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  return new IpcError('AMOUNT_INVALID', refused.message, undefined, localize(MESSAGES.amount, { what: what === 'sale total' ? 'saleTotal' : 'returned', code: key }));
}

/** Sale total (as typed) → minor units of the store's currency, or AMOUNT_INVALID with the earn rule's own wording. */
export function parseAmount(text: string, what: string, currency: string): number {
  const money = parseSaleAmount(text, what, currency);
  if (!money.ok) throw amountRefusal(money, what);
  return money.minor;
}

/** `currency`: the sale's: the store's for a typed sale, the POS sale's own (always the store's too). */
export function earnPreview(rule: EarnRule, saleTotal: string, card: ShownCard, currency: string): EarnPreview {
  const money = parseSaleAmount(saleTotal, 'sale total', currency);
  if (!money.ok) throw amountRefusal(money, 'sale total');
  const saleTotalMinor = money.minor;
  const amount = formatMoneyMachine(saleTotalMinor, currency);
  const result = previewPoints({ saleTotal: amount, rule, tierMultiplier: card.tierMultiplier, currency });
  if (!result.ok) throw new IpcError('AMOUNT_INVALID', result.message, undefined, result.localized ?? localize(MESSAGES.earnFailed));
  const { base, multiplier, tierApplied } = result.breakdown;
  const values = { amount, perUnit: rule.pointsPerUnit, tierApplied: tierApplied ? 'yes' : 'no', multiplier, tierName: card.tierName, points: result.points };
  return {
    points: result.points,
    saleTotalMinor,
    base,
    multiplier,
    tierApplied,
    explanation: englishText(MESSAGES.explanation, values),
    explanationLocalized: localize(MESSAGES.explanation, values),
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
    if (preview.points === 0) throw new IpcError('AMOUNT_INVALID', `This sale earns no points (${preview.explanation}).`, undefined, localize(MESSAGES.noPoints));
    const outcome = await engineCall(deps, (engine) =>
      engine.award({ memberId, posTxnId, points: preview.points, saleTotalMinor: preview.saleTotalMinor, ...(businessDate === undefined ? {} : { businessDate }) }),
    );
    deps.screenRows.add(outcome.row);
    return outcome;
  });
}
