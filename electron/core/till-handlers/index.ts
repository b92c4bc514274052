/** Registers every till channel (shared/ipc/schemas/till.ts) on the registry. */
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import { registerAdjustments } from './adjustments.ts';
import { registerApiActivity } from './api-activity.ts';
import { registerAwardHandlers } from './award-handlers.ts';
import type { TillHandlerDeps } from './context.ts';
import { registerCouponHandlers } from './coupon-handlers.ts';
import { registerExceptions } from './exceptions.ts';
import { registerJournalActions } from './journal-actions.ts';
import { registerJournalHandlers } from './journal-handlers.ts';
import { registerMemberCard } from './member-card.ts';
import { registerReconcileHandlers } from './reconcile-handlers.ts';
import { registerSaleHandlers } from './sale-handlers.ts';
import { registerStores } from './stores.ts';

export type { TillHandlerDeps } from './context.ts';

export function registerTillHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  // cashier
  registerMemberCard(registry, deps);
  registerAwardHandlers(registry, deps);
  registerCouponHandlers(registry, deps);
  registerSaleHandlers(registry, deps);
  registerJournalHandlers(registry, deps);
  // manager
  registerJournalActions(registry, deps);
  registerAdjustments(registry, deps);
  registerExceptions(registry, deps);
  registerApiActivity(registry, deps);
  registerReconcileHandlers(registry, deps);
  registerStores(registry, deps);
}
