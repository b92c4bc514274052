/** `stores`: the whole store list (GET /stores, paged at ≤ 200), for mapping ERP store codes. */
import { paginateStores } from '../api/index.ts';
import type { PaginateOptions } from '../api/index.ts';
import type { Store } from '../../../shared/api/schemas.ts';
import type { ReadClient } from './token-bucket.ts';

export async function listAllStores(
  client: Pick<ReadClient, 'listStores'>,
  options: Pick<PaginateOptions<Store>, 'pageSize' | 'signal' | 'maxRateLimitWaits' | 'sleep'> = {},
): Promise<{ stores: Store[]; total: number }> {
  const stores: Store[] = [];
  let total = 0;
  for await (const page of paginateStores(client, options)) {
    stores.push(...page.items);
    total = page.total;
  }
  return { stores, total };
}
