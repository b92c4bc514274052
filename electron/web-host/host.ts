/**
 * The dev/test web host: the same app core (same handler registry, journal, sandbox, engine) as
 * Electron main, under plain Node, with the renderer served to a browser on loopback.
 *
 * Routes (127.0.0.1 only; any other Host header is refused, against DNS rebinding):
 *   GET  /…                       the renderer build, with the app:// CSP; index.html gets the bridge tag
 *   GET  /__bridge/bridge.js      the browser stand-in for the preload bridge (bridge-client.ts)
 *   POST /__bridge/invoke/<name>  {"payload": …} → the registry's envelope; needs X-Till-Token and our Origin
 *   GET  /__bridge/events?token=  Server-Sent Events, one event name per contract event
 *
 * The token is new each launch and reaches the page only in the URL fragment of TILL_URL.
 * Requests without it, or from another Origin, get 403 before the registry sees them; the
 * registry then applies the same sender policy (our origin, top-level) as for Electron's window.
 * Never part of a packaged build.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTillCore } from '../core/app/app-core.ts';
import type { TillCore, TillCoreOptions } from '../core/app/app-core.ts';
import type { SandboxStartOptions } from '../core/app/sandbox-slot.ts';
import { openFoundation } from '../core/app/trusted-foundation.ts';
import { openAppLog, registerLogSecret } from '../core/log/app-log.ts';
import type { AppLog, FileLog } from '../core/log/app-log.ts';
import { openPolicySource } from '../core/policy/policy-source.ts';
import { policyPath } from '../core/policy/policy-path.ts';
import { createSenderPolicy } from '../core/ipc/sender-policy.ts';
import { createDevOnlyKeyCrypto } from '../core/keys/dev-only-key-crypto.ts';
import type { StorageBackendName } from '../core/keys/key-crypto.ts';
import type { SettingsPatch } from '../core/settings/settings-schema.ts';
import { appOriginFrom } from '../core/shell-policy/app-origin.ts';
import { securityHeaders } from '../core/shell-policy/csp.ts';
import { IPC_PAYLOAD_LIMIT_BYTES } from '../../shared/ipc/payload-limit.ts';
import { SERVER_TIMEOUTS } from '../../shared/net/server-limits.ts';
import { readBody, sameSecret, sendBodyTooLarge } from '../core/http/body.ts';
import { EVENTS_PATH, INVOKE_PATH, TOKEN_HEADER } from './bridge-client-paths.ts';
import { bundleBridgeClient } from './bridge-bundle.ts';
import { createSseHub } from './sse.ts';
import { BRIDGE_SCRIPT_PATH, serveStatic } from './static-files.ts';
import { lockedFields } from '../../shared/policy/policy-schema.ts';

export interface WebHostOptions {
  readonly dataDir: string;
  /** The renderer build (or a test page) to serve. */
  readonly rendererDir: string;
  /** 0 (default) = any free port. */
  readonly port?: number;
  /**
   * Preset the manager PIN (tests), as an operator would: with the set-up code this start issued.
   * The session starts locked. Ignored when a PIN is already set.
   */
  readonly managerPin?: string;
  /** Settings a new data folder starts with, applied through the till (so they carry their MAC). */
  readonly presetSettings?: SettingsPatch;
  readonly sandbox?: SandboxStartOptions;
  /** What the stand-in key store claims to be. Default basic_text: keys die with the process, i.e. unprotected. */
  readonly keyBackend?: StorageBackendName;
  readonly log?: AppLog;
  /** Also write the structured log to `<dataDir>/logs/till.log` (default true; `logFile` says where). */
  readonly logToFile?: boolean;
  /** The fleet policy file (default: the OS's machine-wide place, or TILL_POLICY). */
  readonly policyPath?: string;
  /** The bundled stand-in, when the caller already has it. */
  readonly bridgeScript?: string;
  /** Metrics to an OTLP/HTTP collector (`npm run e2e:serve` takes it from TILL_OTLP_ENDPOINT). */
  readonly telemetry?: TillCoreOptions['telemetry'];
  /** The POS link's port instead of the settings' one (0: any free port; `core.posLink.status()` says which). */
  readonly posLinkPort?: number;
}

export interface WebHost {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** What a person or a test opens: the origin with the per-launch token in the fragment. */
  readonly tillUrl: string;
  readonly token: string;
  readonly core: TillCore;
  /**
   * The set-up code issued at this start (a data folder with no trusted PIN and nothing to protect
   * yet), or null. `npm run e2e:serve` prints it as TILL_SETUP_CODE=… for the operator.
   */
  readonly setupCode: string | null;
  /** The structured log file (secrets scrubbed), for e2e checks after a flow; null when not logging to a file. */
  readonly logFile: string | null;
  close(): Promise<void>;
}

/** The `{"payload": …}` body: the IPC payload limit plus room for the wrapper. */
export const BODY_LIMIT_BYTES = IPC_PAYLOAD_LIMIT_BYTES + 1024;
/** A browser opens ~6 connections per origin, plus one for events; this leaves room for several tabs and tests. */
export const MAX_CONNECTIONS = 128;

const stderrLog: AppLog = {
  warn: (message, fields) => process.stderr.write(`[web-host] ${message} ${fields === undefined ? '' : JSON.stringify(fields)}\n`),
  error: (message, fields) => process.stderr.write(`[web-host] ERROR ${message} ${fields === undefined ? '' : JSON.stringify(fields)}\n`),
};

/** Every line to each sink: the caller's (or stderr) and the file. */
function fanOut(first: AppLog, file: FileLog | null): AppLog & { info(message: string, fields?: Record<string, unknown>): void } {
  return {
    info: (m, f) => file?.info(m, f),
    warn: (m, f) => {
      first.warn(m, f);
      file?.warn(m, f);
    },
    error: (m, f) => {
      first.error(m, f);
      file?.error(m, f);
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(text)) }).end(text);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const fileLog = options.logToFile === false ? null : openAppLog({ dataDir: options.dataDir });
  const log = fanOut(options.log ?? stderrLog, fileLog);
  const policy = openPolicySource({ path: options.policyPath ?? policyPath(process.platform, process.env), releaseBuild: false });
  const token = randomBytes(24).toString('base64url');
  const bridgeScript = options.bridgeScript ?? (await bundleBridgeClient());
  const sse = createSseHub();
  let core: TillCore | null = null;
  let setupCode: string | null = null;

  const server = http.createServer({ keepAliveTimeout: 5_000, ...SERVER_TIMEOUTS }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { error: 'internal' });
      else res.destroy();
    });
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const hostHeader = `127.0.0.1:${port}`;
  const headers = securityHeaders();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.host !== hostHeader) return json(res, 403, { error: 'Wrong host.' });
    const url = req.url ?? '/';
    const pathname = url.split('?')[0] ?? '/';

    if (pathname.startsWith(INVOKE_PATH)) {
      if (req.method !== 'POST') return json(res, 405, { error: 'POST only.' }, { Allow: 'POST' });
      const sentToken = req.headers[TOKEN_HEADER.toLowerCase()];
      if (typeof sentToken !== 'string' || !sameSecret(sentToken, token)) return json(res, 403, { error: 'Missing or wrong token.' });
      if (req.headers.origin !== origin) return json(res, 403, { error: 'Foreign origin.' });
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return json(res, 415, { error: 'JSON only.' });
      const body = await readBody(req, BODY_LIMIT_BYTES);
      if (!body.ok) {
        if (body.reason === 'too-large') sendBodyTooLarge(res, BODY_LIMIT_BYTES);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.body.toString('utf8'));
      } catch {
        return json(res, 400, { error: 'Not JSON.' });
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return json(res, 400, { error: 'Expected {"payload": …}.' });
      if (core === null) return json(res, 503, { error: 'Starting.' });
      let name: string;
      try {
        name = decodeURIComponent(pathname.slice(INVOKE_PATH.length));
      } catch {
        return json(res, 400, { error: 'Bad channel name.' });
      }
      const payload = (parsed as { payload?: unknown }).payload;
      // The same door as ipcMain: sender policy, access, schemas, scrub — all in the registry.
      const envelope = await core.registry.dispatch(name, payload, { frameUrl: req.headers.origin, isMainFrame: true });
      return json(res, 200, envelope);
    }

    if (pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return json(res, 405, { error: 'GET only.' }, { Allow: 'GET' });
      const sent = new URL(url, origin).searchParams.get('token') ?? '';
      if (!sameSecret(sent, token)) return json(res, 403, { error: 'Missing or wrong token.' });
      // Same-origin EventSource sends no Origin; if one is sent, it must be ours.
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return json(res, 403, { error: 'Foreign origin.' });
      sse.open(res, headers);
      return;
    }

    if (pathname === BRIDGE_SCRIPT_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'GET only.' }, { Allow: 'GET' });
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(bridgeScript)) });
      res.end(req.method === 'HEAD' ? undefined : bridgeScript);
      return;
    }

    if (pathname.startsWith('/__bridge/')) return json(res, 404, { error: 'Not found.' });
    await serveStatic(req, res, options.rendererDir, headers);
  }

  try {
    const foundation = await openFoundation({
      policy: () => policy.current(),
      dataDir: options.dataDir,
      crypto: createDevOnlyKeyCrypto({ backend: options.keyBackend ?? 'basic_text' }),
      log,
      onSetupCode: (code) => {
        setupCode = code;
        // Printed for the operator (serve.ts), never logged: as shown and as typed without dashes.
        registerLogSecret(code);
        registerLogSecret(code.replace(/-/g, ''));
      },
    });
    const { settings, pin, vault, notices } = foundation;
    // The same secrets the IPC door guards: the vault's keys, and the embedded sandbox's once it runs.
    fileLog?.setSecrets(() => [...vault.secrets(), ...(core?.sandbox.secrets() ?? [])]);
    if (options.presetSettings !== undefined) {
      // A test's preset over a fleet policy: the fields the policy locks keep the policy's word.
      const locked: readonly string[] = lockedFields(policy.current());
      settings.update(Object.fromEntries(Object.entries(options.presetSettings).filter(([name]) => !locked.includes(name))));
    }
    if (options.managerPin !== undefined && !(await pin.state()).configured) {
      if (setupCode === null) throw new Error('A manager PIN can only be preset on a new data folder (this one has no set-up code to show).');
      await pin.set(options.managerPin, { setupCode });
      await pin.lock();
    }
    core = await createTillCore({
      dataDir: options.dataDir,
      settings,
      vault,
      pin,
      resetTill: () => foundation.resetTill(),
      notices,
      app: { name: 'SocialHub Till', version: readVersion(), platform: process.platform, packaged: false },
      senderPolicy: createSenderPolicy({ origins: [appOriginFrom(origin)] }),
      eventTransport: (channel, payload) => sse.broadcast(channel, payload),
      log,
      ownerPrefix: 'web',
      policy,
      logDir: fileLog?.dir ?? null,
      ...(options.sandbox === undefined ? {} : { sandbox: options.sandbox }),
      ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
      ...(options.posLinkPort === undefined ? {} : { posLinkPort: options.posLinkPort }),
    });
  } catch (e) {
    sse.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    policy.close();
    await fileLog?.close();
    throw e;
  }
  const running = core;

  let closing: Promise<void> | null = null;
  return {
    origin,
    tillUrl: `${origin}/#token=${token}`,
    token,
    core: running,
    setupCode,
    logFile: fileLog?.file ?? null,
    close() {
      closing ??= (async () => {
        sse.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await running.close();
        policy.close();
        await fileLog?.close();
      })();
      return closing;
    },
  };
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
