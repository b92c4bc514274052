/**
 * Manager adjustments, exactly once through the engine: the engine dedups on a reference. The UI
 * mints one per adjustment form (`ref`); for callers that send none, the handler gives the same reference to a repeat of the same
 * adjustment (member, points, reason, note) within REPEAT_WINDOW_MS — a double click or a retry
 * after a lost answer comes back `duplicate` instead of adjusting twice. The same adjustment made
 * deliberately later gets a new reference.
 */
import { randomBytes } from 'node:crypto';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

export const REPEAT_WINDOW_MS = 10 * 60_000;

export function registerAdjustments(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  const recent = new Map<string, { ref: string; at: number }>();

  function refFor(content: string): string {
    const now = deps.now();
    for (const [key, entry] of recent) if (now - entry.at > REPEAT_WINDOW_MS) recent.delete(key);
    const known = recent.get(content);
    if (known !== undefined) return known.ref;
    const ref = `adj-${randomBytes(8).toString('hex')}`;
    recent.set(content, { ref, at: now });
    return ref;
  }

  registry.handle('adjustmentSubmit', ({ memberId, points, reasonCode, note, ref: formRef }) => {
    const ref = formRef !== undefined ? `adj-${formRef}` : refFor(JSON.stringify([memberId, points, reasonCode, note]));
    return engineCall(deps, (engine) => engine.adjust({ memberId, points, reasonCode, note: `${note} (by ${deps.managerActor()})`, ref }));
  });
}
