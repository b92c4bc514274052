/** Child process for tests: tries to open the journal at argv[2] and prints the outcome as JSON. */
import { openJournal } from '../journal.ts';

try {
  openJournal({ path: process.argv[2] ?? '' }).close();
  console.log(JSON.stringify({ opened: true }));
} catch (err) {
  const e = err as Error & { reason?: string };
  console.log(JSON.stringify({ opened: false, name: e.name, reason: e.reason, message: e.message }));
}
