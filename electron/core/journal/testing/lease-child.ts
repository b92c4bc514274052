/** Holds a lease on row argv[3] of journal argv[2] until killed: a live process mid-send. */
import { openJournal } from '../journal.ts';

const j = openJournal({ path: process.argv[2] ?? '' });
const row = j.claim(Number(process.argv[3]), 'child-sender', 1000, ['queued']);
process.stdout.write(row ? 'held\n' : 'refused\n');
setInterval(() => undefined, 60_000);
