/**
 * Child process for the SIGKILL test: records writes and prints each dedup key only after
 * record() has returned (committed). The parent kills it with SIGKILL at a random moment.
 * Mode `one`: record a single write, print it, then idle until killed.
 */
import { writeSync } from 'node:fs';
import { openJournal } from '../journal.ts';
import { award } from './fixtures.ts';

const [path = '', mode = 'stream'] = process.argv.slice(2);
const j = openJournal({ path });
if (mode === 'one') {
  writeSync(1, `${j.record(award('only')).row.dedupKey}\n`);
  setInterval(() => undefined, 1000);
} else {
  for (let i = 0; ; i++) {
    const { row } = j.record(award(`k${i}`));
    if (i % 3 === 0) j.transition(row.id, { from: ['queued'], to: 'sending', owner: 'crash', leaseMs: 60_000 });
    writeSync(1, `${row.dedupKey}\n`); // synchronous: printed means committed, on every OS
  }
}
