/**
 * A whole till in its own process for the POS-link crash test: the real app core over a data
 * folder (journal file, embedded sandbox persisted beside it), the POS link on a free loopback
 * port. Prints `PORT=` (and `TOKEN=` when it paired a new POS), then `READY`, then answers one
 * JSON line per command read from stdin:
 *   award <posTxnId> <memberId>   the cashier shows the card and awards the POS sale
 *   ledger <memberId> <posTxnId>  how many of the sandbox ledger's entries carry this sale's token
 *   close                         shuts down cleanly (the sandbox state is written) and exits 0
 * Usage: node pos-till-child.ts <dataDir> <keyringFile>  (the keyring file stands in for the OS
 * keyring, which outlives the process: the settings' MAC and the PIN still verify after a restart)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO } from '../../../sandbox/server.ts';
import { descriptionMatches } from '../../../../shared/ledger/sale-token.ts';
import { createTillKit } from '../../app/testing/till-kit.ts';
import { createDevOnlyKeyCrypto } from '../../keys/dev-only-key-crypto.ts';
import type { KeyCryptoBackend } from '../../keys/key-crypto.ts';
import { POS_TOKEN_FILE } from '../pos-link.ts';

/** The dev-only AES-256-GCM under a key kept in `file` (created on first use): an OS keyring that survives SIGKILL. */
function fileKeyring(file: string): KeyCryptoBackend {
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32), { mode: 0o600 });
  return createDevOnlyKeyCrypto({ backend: 'gnome_libsecret', key: fs.readFileSync(file) });
}

const [dataDir, keyringFile] = process.argv.slice(2);
if (dataDir === undefined || keyringFile === undefined) throw new Error('usage: pos-till-child.ts <dataDir> <keyringFile>');

const firstRun = !fs.existsSync(path.join(dataDir, POS_TOKEN_FILE));
// A restart keeps the folder's settings (POS link on) and pairing, as the app does; only the first run sets them up.
const kit = await createTillKit({ dataDir, crypto: fileKeyring(keyringFile), settings: firstRun ? { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } : null });
if (firstRun) {
  await kit.unlock();
  const conf = await kit.call('posLinkConfigure', { enabled: true });
  if (!conf.ok) throw new Error(`POS link did not start: ${JSON.stringify(conf)}`);
  const created = await kit.call('posLinkTokenCreate');
  if (!created.ok) throw new Error(`no POS token: ${JSON.stringify(created)}`);
  process.stdout.write(`TOKEN=${(created.value as { token: string }).token}\n`);
}
const listening = kit.core.posLink.status().listening;
if (listening === null) throw new Error(`POS link not listening: ${JSON.stringify(kit.core.posLink.status())}`);
process.stdout.write(`PORT=${listening.port}\nREADY\n`);

const reply = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, a = '', b = ''] = line.trim().split(/\s+/);
  if (cmd === 'award') {
    const card = await kit.call('memberCard', { memberId: b });
    const r = await kit.call('posSaleAward', { posTxnId: a, memberId: b });
    reply({ card: card.ok, award: r.ok ? { ok: true, value: r.value } : { ok: false, code: r.error.code, message: r.error.message } });
  } else if (cmd === 'ledger') {
    const entries = kit.sandbox().ledger(a).filter((t) => descriptionMatches(t.description, { kind: 'purchase', storeId: DEMO.storeId, tillId: 'T1', posTxnId: b }));
    reply({ entries: entries.length, points: entries.reduce((s, t) => s + t.amount, 0) });
  } else if (cmd === 'close') {
    await kit.close();
    reply({ closed: true });
    process.exit(0);
  } else {
    reply({ error: `unknown command ${JSON.stringify(line)}` });
  }
}
