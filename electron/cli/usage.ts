/** Help texts (plain text on stdout; the only output that is not JSON). */
import type { Command } from './command.ts';

const GLOBAL_HELP = `Configuration (flag, or environment variable):
  --base-url URL         SOCIALHUB_BASE_URL       default https://flash.socialhub.ai/api/v2 (http only for loopback)
  (environment only)     SOCIALHUB_API_KEY        write-scoped key (award, clawback, redeem, recover)
  (environment only)     SOCIALHUB_READ_KEY       read-only key (reconcile, stores, export)
  --key-file FILE        SOCIALHUB_API_KEY_FILE   write key from a file, or - for stdin
  --read-key-file FILE   SOCIALHUB_READ_KEY_FILE  read-only key from a file, or - for stdin
  --journal FILE         TILL_JOURNAL             the till's journal (SQLite), shared safely with the app
  --store ID             TILL_STORE_ID            store id in the ledger marker
  --till ID              TILL_ID                  till id in the ledger marker
  --timeout-ms N         TILL_REQUEST_TIMEOUT_MS  per request (default 8000)
  --settle-ms N          TILL_SETTLE_MS           no-resend window: longest SocialHub may take to apply a write (default 2 × timeout)
  --txn-scope S          TILL_TXN_SCOPE           forever | business-day (POS ids restart daily); default: the journal's
  --day-start HH:MM      TILL_DAY_START           when the business day starts; default: the journal's (new: 04:00)
  --ids-per store|till   TILL_IDS_PER             POS ids unique per store or per till; default: the journal's (new: store)
  --busy-timeout-ms N    TILL_BUSY_TIMEOUT_MS     wait for another process's journal lock (default 30000), then exit 75
  --points-per-unit R    TILL_POINTS_PER_UNIT     earn rule for --total
  --rounding M           TILL_ROUNDING            floor (default) | round | ceil
  --currency CODE        SOCIALHUB_CURRENCY       store's ISO 4217 currency for --total/--returned (default USD; JPY 1980, KWD 12.345)
  --tz ZONE              TILL_TZ                  store's zone: local, UTC, +HH:MM, Area/City; default: the journal's
  --rate N / --burst N   TILL_EXPORT_RATE/_BURST  client-side pacing of reads (default 10 req/s, burst 10)
Keys are never taken as arguments (other users can read a command line) and never printed;
anything that looks like a key (fl_…_) is redacted from error messages. Output: one JSON object on stdout. Exit: 0 done, 1 refused/failed,
2 bad flags/configuration (final), 3 pending (recorded, not yet confirmed: run recover),
75 journal busy (retry the same command), 78 keying differs from the journal's (final), 130 interrupted.
Keying flags left out follow the journal; given and different from it, the run is refused (78).
`;

export function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `usage: socialhub-till <command> [flags]   (socialhub-till <command> --help for details)\n\nCommands:\n${lines.join('\n')}\n\n${GLOBAL_HELP}`;
}

export function commandHelp(command: Command): string {
  return `usage: ${command.usage}\n\n${command.summary}.\n${command.help}\n\n${GLOBAL_HELP}`;
}
