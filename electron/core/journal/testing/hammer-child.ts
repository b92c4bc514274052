/**
 * Child process for the two-process test. Waits for "go" on stdin at each stage so both
 * children run each phase together, and hammers the shared journal: records the same keys, claims the same rows,
 * drains the queue, appends notes. Prints one JSON line with what it did.
 */
import { createInterface } from 'node:readline';
import { openJournal } from '../journal.ts';
import { award } from './fixtures.ts';

const [path = '', owner = '', sharedArg = '0', ownArg = '0', notesArg = '0'] = process.argv.slice(2);
const shared = Number(sharedArg);
const own = Number(ownArg);
const notes = Number(notesArg);

const stdin = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
/** Barrier: tell the parent we are at `stage`, continue when it says go (to both children at once). */
async function barrier(stage: string): Promise<void> {
  console.log(stage);
  for (let r = await stdin.next(); !r.done; r = await stdin.next()) if (r.value === 'go') return;
}

await barrier('ready');
const j = openJournal({ path, busyTimeoutMs: 10_000 }); // the file may not exist yet: both create it at once
await barrier('open');
// Tiny idle gaps (like the network calls of a real drainer) let the other process's busy
// handler find the lock free, so the two really interleave instead of taking turns.
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1 + Math.floor(Math.random() * 2)));

let created = 0;
for (let i = 0; i < Math.max(shared, own); i++) {
  if (i < shared && j.record(award(`shared-${i}`)).created) created++;
  if (i < own && j.record(award(`${owner}-${i}`)).created) created++;
  if (i % 4 === 0) await pause();
}

// Race for the same rows, holding what we win: each must be won by exactly one process.
const claimed: number[] = [];
for (let id = 1; id <= shared; id++) {
  if (j.claim(id, owner, 60_000)) claimed.push(id);
  if (id % 4 === 0) await pause();
}
await barrier('claimed');
for (const id of claimed) j.release(id, owner);
await barrier('released');

// Drain: whatever this process wins, it sends exactly once.
const sent: number[] = [];
for (let row = j.claimNextDue(owner, 60_000); row; row = j.claimNextDue(owner, 60_000)) {
  const s = j.transition(row.id, { from: ['queued'], to: 'sending', owner });
  if (!s.ok) throw new Error(`lost a claimed row: ${s.reason}`);
  sent.push(row.id);
  await pause(); // "the POST"
  const c = j.transition(row.id, { from: ['sending'], to: 'confirmed', owner, outcome: { httpStatus: 200 } });
  if (!c.ok) throw new Error(`could not confirm: ${c.reason}`);
}

for (let i = 0; i < notes; i++) {
  j.addNote(1, { by: owner, text: `${owner} ${i}` });
  if (i % 4 === 0) await pause();
}
j.close();
console.log(JSON.stringify({ created, claimed, sent }));
process.exit(0); // stdin stays open otherwise
