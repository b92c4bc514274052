/** The manager's store picker: one page of the tenant's stores, read with the read-only key. */
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import { apiFailureError } from './api-errors.ts';
import type { TillHandlerDeps } from './context.ts';

export function registerStores(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('storesList', async ({ limit, offset }) => {
    const client = await deps.clients.managerReader();
    const result = await client.listStores({ limit, offset });
    if (!result.ok) throw apiFailureError(result.failure);
    return { stores: result.value.stores.map((s) => ({ id: s.id, name: s.name, status: s.status })), total: result.value.total };
  });
}
