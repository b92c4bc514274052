/**
 * The manager's actions on one journal row — verify against the ledger now, resend (only where
 * verification proved the write was not applied), resolve with a written reason — all through
 * the engine, which owns every state move. Who asked is recorded in the row's history. A sale
 * refused for certain can be re-queued under the corrected member (the answer is the new entry).
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { ActionResult } from '../engine/index.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';
import { rowDetail } from './row-detail.ts';

function refusal(result: Extract<ActionResult, { ok: false }>, id: number, unsafe: boolean): IpcError {
  if (result.row === null) return new IpcError('NOT_FOUND', result.message || `Journal row ${id} does not exist.`);
  return new IpcError(unsafe && result.row.maybeApplied ? 'UNSAFE_RESEND' : 'INVALID_STATE', result.message);
}

export function registerJournalActions(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  const note = (id: number, text: string): void => {
    deps.journal.use((j) => {
      if (j.get(id) !== undefined) j.addNote(id, { by: deps.managerActor(), text });
    });
  };
  const detail = (id: number) => deps.journal.use((j) => rowDetail(j, id));

  registry.handle('journalVerify', async ({ id }) => {
    note(id, 'Manager asked to verify this write against SocialHub now.');
    const result = await engineCall(deps, (engine) => engine.verifyNow(id));
    if (!result.ok) throw refusal(result, id, false);
    deps.events.journalChanged([id]);
    return detail(id);
  });

  registry.handle('journalResend', async ({ id }) => {
    const result = await engineCall(deps, (engine) => engine.resend(id));
    if (!result.ok) throw refusal(result, id, true);
    note(id, 'Manager resent this write after verification proved it was not applied.');
    deps.events.journalChanged([id]);
    return detail(id);
  });

  registry.handle('journalRequeue', async ({ id, memberId, reason }) => {
    const result = await engineCall(deps, (engine) => engine.requeueCorrected(id, { memberId, reason, by: deps.managerActor() }));
    if (!result.ok) throw refusal(result, id, false);
    deps.events.journalChanged([id, result.row.id]);
    return detail(result.row.id);
  });

  registry.handle('journalResolve', async ({ id, reason }) => {
    const result = await engineCall(deps, (engine) => engine.resolve(id, reason, deps.managerActor()));
    if (!result.ok) throw refusal(result, id, false);
    deps.events.journalChanged([id]);
    return detail(id);
  });
}
