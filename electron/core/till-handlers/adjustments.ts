/**
 * Manager adjustments, exactly once through the engine: every caller sends the reference of its
 * adjustment form (`ref`, required by the channel) and the journal keeps it in the row's unique
 * marker, so a double click, a retry after a lost answer or a retry after a restart comes back
 * `duplicate`; a deliberate second adjustment is a new form with a new reference.
 */
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

export function registerAdjustments(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('adjustmentSubmit', ({ memberId, points, reasonCode, note, ref }) =>
    engineCall(deps, (engine) => engine.adjust({ memberId, points, reasonCode, note: `${note} (by ${deps.managerActor()})`, ref: `adj-${ref}` })),
  );
}
