/** `stores`: every store of the tenant (read key). */
import { listAllStores } from '../../core/export/index.ts';
import type { Command } from '../command.ts';
import { EXIT } from '../errors.ts';
import { pacedReader } from './pacing.ts';

export const storesCommand: Command = {
  name: 'stores',
  summary: 'list the stores (read key), to map ERP store codes to SocialHub store ids',
  usage: 'socialhub-till stores',
  help: 'Pages GET /stores at 200 a page. Needs --read-key.',
  options: {},
  async run(ctx) {
    const { stores, total } = await listAllStores(pacedReader(ctx), ctx.io.signal ? { signal: ctx.io.signal } : {});
    return { output: { stores, total }, exitCode: EXIT.ok };
  },
};
