/**
 * A POS simulator for the till's POS link: prints the JSON reply of one call.
 *   npm run -s pos-sim -- sale 90871 19.99 [--currency USD] [--business-date 2026-12-05]
 *   npm run -s pos-sim -- return 90871 R1 5.00 [--business-date 2026-12-05]
 *   npm run -s pos-sim -- cancel 90871 [--business-date 2026-12-05]
 *   npm run -s pos-sim -- status 90871 [--wait [seconds]] [--business-date 2026-12-05]
 * --business-date on return/cancel/status names a past day's sale (POS ids may restart daily).
 * Port and token: --port / --token, or POS_LINK_PORT / POS_LINK_TOKEN. Exit code 0 on 2xx, 1 otherwise.
 */
import { parseArgs } from 'node:util';

const USAGE = 'usage: pos-sim sale <txn> <total> | return <txn> <returnId> <total> | cancel <txn> | status <txn> [--wait [s]]  [--business-date YYYY-MM-DD]  (--port, --token or POS_LINK_PORT, POS_LINK_TOKEN)';

export interface SimCall {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  body?: unknown;
}

/** The command line → the one request it stands for. Throws with the usage line on anything else. */
export function simCall(args: string[], flags: { currency?: string; businessDate?: string; wait?: string | boolean }): SimCall {
  const [cmd, txn, a, b] = args;
  const id = (v: string | undefined): string => {
    if (v === undefined || v === '') throw new Error(USAGE);
    return encodeURIComponent(v);
  };
  // The sale's business date, for the calls that find an existing sale by its id.
  const query = (extra: Record<string, string> = {}): string => {
    const q = new URLSearchParams(extra);
    if (flags.businessDate !== undefined) q.set('businessDate', flags.businessDate);
    const text = q.toString();
    return text === '' ? '' : `?${text}`;
  };
  switch (cmd) {
    case 'sale':
      if (a === undefined) throw new Error(USAGE);
      return { method: 'PUT', path: `/pos/v1/sales/${id(txn)}`, body: { total: a, currency: flags.currency ?? 'USD', ...(flags.businessDate === undefined ? {} : { businessDate: flags.businessDate }) } };
    case 'return':
      if (b === undefined) throw new Error(USAGE);
      return { method: 'POST', path: `/pos/v1/sales/${id(txn)}/returns/${id(a)}${query()}`, body: { total: b } };
    case 'cancel':
      return { method: 'POST', path: `/pos/v1/sales/${id(txn)}/cancel${query()}`, body: {} };
    case 'status': {
      const wait = flags.wait === undefined || flags.wait === false ? null : flags.wait === true || flags.wait === '' ? '10' : flags.wait;
      return { method: 'GET', path: `/pos/v1/sales/${id(txn)}${query(wait === null ? {} : { wait })}` };
    }
    default:
      throw new Error(USAGE);
  }
}

export async function runSim(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ status: number; body: unknown }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, token: { type: 'string' }, currency: { type: 'string' }, 'business-date': { type: 'string' }, wait: { type: 'boolean' } },
    strict: true,
  });
  // `--wait 20`: parseArgs takes the number as a positional; a trailing number after status's txn is the wait.
  const waitSeconds = values.wait === true && positionals[0] === 'status' && positionals[2] !== undefined ? positionals.splice(2, 1)[0] : values.wait;
  const call = simCall(positionals, { ...(values.currency === undefined ? {} : { currency: values.currency }), ...(values['business-date'] === undefined ? {} : { businessDate: values['business-date'] }), ...(waitSeconds === undefined ? {} : { wait: waitSeconds }) });
  const port = values.port ?? env.POS_LINK_PORT;
  const token = values.token ?? env.POS_LINK_TOKEN;
  if (port === undefined || token === undefined) throw new Error('Give the POS link port and token: --port and --token, or POS_LINK_PORT and POS_LINK_TOKEN.');
  const res = await fetch(`http://127.0.0.1:${port}${call.path}`, {
    method: call.method,
    headers: { Authorization: `Bearer ${token}`, ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { code: 'not-json', message: text.slice(0, 200) };
  }
  return { status: res.status, body };
}

if (import.meta.main) {
  try {
    const { status, body } = await runSim(process.argv.slice(2));
    process.stdout.write(`${JSON.stringify({ status, ...(typeof body === 'object' && body !== null ? body : { body }) }, null, 2)}\n`);
    process.exitCode = status >= 200 && status < 300 ? 0 : 1;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
