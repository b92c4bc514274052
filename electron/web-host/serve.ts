/**
 * `npm run e2e:serve [-- --data-dir <dir>] [--port N] [--manager-pin 246810] [--settings <json>] [--build] [--renderer-dir <dir>] [--no-preset] [--policy <file>]`
 *
 * Starts the web host on a fresh sandbox (a new temporary data folder unless --data-dir is given,
 * removed again on exit), then prints exactly these lines on stdout and serves until killed:
 *
 *   TILL_SETUP_CODE=XXXX-XXXX-XXXX   (only when this start issued one: a folder with no PIN yet)
 *   TILL_LOG=<data folder>/logs/till.log   (the structured log, secrets scrubbed; absent when it cannot be written)
 *   TILL_URL=http://127.0.0.1:<port>/#token=<per-launch token>
 *   SANDBOX_URL=http://127.0.0.1:<port>/api/v2
 *   SANDBOX_READ_KEY=fl_test_…
 *   SANDBOX_ADMIN_TOKEN=sbx_admin_…
 *
 * Metrics go to an OTLP/HTTP collector when TILL_OTLP_ENDPOINT is set (TILL_OTLP_INTERVAL_MS: how often),
 * or when the fleet policy names one: `--policy <file>` (else TILL_POLICY, else the OS's place) is
 * read and watched as a till reads its machine-wide policy.
 * Logs go to stderr. A new data folder is preset to store st_nyc_01 / till T1 so the cashier flow
 * works at once (`--no-preset` starts on factory settings, for first-run tests); `--settings` is a
 * JSON settings patch merged into that preset. The preset goes through the till, so it carries
 * the settings MAC like a manager's change. The set-up code is what an operator would note down
 * at a first run: `--manager-pin` uses it to set the PIN, and a test can read it from stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO } from '../sandbox/server.ts';
import { PIN_PATTERN, PIN_RULE } from '../../shared/ipc/schemas/pin.ts';
import { settingsPatchSchema } from '../core/settings/settings-schema.ts';
import type { SettingsPatch } from '../core/settings/settings-schema.ts';
import { ensureRendererBuild } from './renderer-build.ts';
import { startWebHost } from './host.ts';
import { telemetryFromEnv } from '../core/telemetry/telemetry-env.ts';
import type { WebHost } from './host.ts';

export const USAGE = 'usage: npm run e2e:serve [-- --data-dir <dir>] [--port N] [--manager-pin 246810] [--settings <json>] [--build] [--renderer-dir <dir>] [--no-preset] [--pos-link-port N] [--policy <file>]';

export interface ServeOptions {
  dataDir: string | null;
  port: number;
  managerPin: string | undefined;
  settings: SettingsPatch;
  build: boolean;
  rendererDir: string | null;
  preset: boolean;
  /** The POS link's port instead of the settings' one (0: any free port); undefined: the settings'. */
  posLinkPort: number | undefined;
  /** The fleet policy file instead of TILL_POLICY / the OS's place. */
  policyPath: string | undefined;
}

export function parseServeArgs(argv: readonly string[]): ServeOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'manager-pin': { type: 'string' },
      settings: { type: 'string' },
      build: { type: 'boolean' },
      'renderer-dir': { type: 'string' },
      'no-preset': { type: 'boolean' },
      'pos-link-port': { type: 'string' },
      policy: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) throw new Error(USAGE);
  const port = Number(values.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number (got ${values.port})`);
  const posLinkPort = values['pos-link-port'] === undefined ? undefined : Number(values['pos-link-port']);
  if (posLinkPort !== undefined && (!Number.isInteger(posLinkPort) || posLinkPort < 0 || posLinkPort > 65_535)) throw new Error(`--pos-link-port must be a port number (got ${values['pos-link-port']})`);
  const pin = values['manager-pin'];
  if (pin !== undefined && !PIN_PATTERN.test(pin)) throw new Error(`--manager-pin: ${PIN_RULE}`);
  let settings: SettingsPatch = {};
  if (values.settings !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(values.settings);
    } catch {
      throw new Error('--settings must be a JSON object');
    }
    const parsed = settingsPatchSchema.safeParse(json);
    if (!parsed.success) throw new Error(`--settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    settings = parsed.data;
  }
  return {
    dataDir: values['data-dir'] === undefined ? null : path.resolve(values['data-dir']),
    port,
    managerPin: pin,
    settings,
    build: values.build === true,
    rendererDir: values['renderer-dir'] === undefined ? null : path.resolve(values['renderer-dir']),
    preset: values['no-preset'] !== true,
    posLinkPort,
    policyPath: values.policy === undefined || values.policy === '' ? undefined : path.resolve(values.policy),
  };
}

const say = (message: string): void => void process.stderr.write(`[web-host] ${message}\n`);

export async function serve(options: ServeOptions): Promise<{ host: WebHost; stop: () => Promise<void> }> {
  const temporary = options.dataDir === null;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'till-e2e-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const settingsPath = path.join(dataDir, 'settings.json');
  const presetSettings: SettingsPatch | null = options.preset && !fs.existsSync(settingsPath) ? { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', ...options.settings } : null;
  const rendererDir = options.rendererDir ?? (await ensureRendererBuild({ force: options.build, log: say }));
  const telemetry = telemetryFromEnv(process.env);
  if (telemetry !== null) say(`metrics go to ${telemetry.endpoint} (TILL_OTLP_ENDPOINT)`);
  const host = await startWebHost({
    dataDir,
    rendererDir,
    port: options.port,
    ...(options.managerPin === undefined ? {} : { managerPin: options.managerPin }),
    ...(presetSettings === null ? {} : { presetSettings }),
    ...(telemetry === null ? {} : { telemetry }),
    ...(options.posLinkPort === undefined ? {} : { posLinkPort: options.posLinkPort }),
    ...(options.policyPath === undefined ? {} : { policyPath: options.policyPath }),
  });
  const sandbox = host.core.sandbox.handle();
  if (sandbox === null) {
    await host.close();
    throw new Error('This data folder is set to live mode, so there is no sandbox to serve; use a fresh --data-dir.');
  }
  say(`data folder ${dataDir}${temporary ? ' (removed on exit)' : ''}`);
  process.stdout.write(
    [...(host.setupCode === null ? [] : [`TILL_SETUP_CODE=${host.setupCode}`]), ...(host.logFile === null ? [] : [`TILL_LOG=${host.logFile}`]), `TILL_URL=${host.tillUrl}`, `SANDBOX_URL=${sandbox.url}`, `SANDBOX_READ_KEY=${sandbox.keys.read}`, `SANDBOX_ADMIN_TOKEN=${sandbox.adminToken}`].join('\n') + '\n',
  );
  return {
    host,
    stop: async () => {
      await host.close();
      if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  let options: ServeOptions;
  try {
    options = parseServeArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    process.exit(2);
  }
  const { stop } = await serve(options);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    say(`could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
