/**
 * The web host and the embedded sandbox against clients that hold connections: one that never
 * finishes its headers (slowloris) is answered with an error and cut off, and the web host drops
 * connections beyond its limit. Real servers, raw sockets.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_TIMEOUTS } from '../../shared/net/server-limits.ts';
import { DEMO, startSandbox } from '../sandbox/server.ts';
import type { SandboxHandle } from '../sandbox/server.ts';
import { MAX_CONNECTIONS, startWebHost } from './host.ts';
import type { WebHost } from './host.ts';

const FIXTURE_DIR = path.join(import.meta.dirname, 'testing', 'fixtures');

let host: WebHost;
let sandbox: SandboxHandle;
let dataDir: string;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-limits-'));
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ storeId: DEMO.storeId, tillId: 'T1' }));
  host = await startWebHost({ dataDir, rendererDir: FIXTURE_DIR, sandbox: { quiet: true }, log: { warn: () => undefined, error: () => undefined } });
  sandbox = await startSandbox({ quiet: true });
}, 60_000);
afterAll(async () => {
  await host?.close();
  await sandbox?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function connect(origin: string): Promise<net.Socket> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), hostname, () => resolve(s));
    s.once('error', reject);
  });
}

/** Everything the server sends until it closes the connection. */
function untilClosed(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  });
}

describe('slowloris: headers that never finish', () => {
  it.each([
    ['web host', () => host.origin],
    ['sandbox', () => sandbox.origin],
  ])('the %s answers an error and closes the connection', async (_name, origin) => {
    const { host: hostHeader } = new URL(origin());
    const socket = await connect(origin());
    const closed = untilClosed(socket);
    socket.write(`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nX-Slow: `); // and nothing more, ever
    expect(await closed).toMatch(/^HTTP\/1\.1 4\d\d /);
  }, SERVER_TIMEOUTS.headersTimeout + 15_000);
});

describe('connection limit', () => {
  it(`the web host drops connection ${MAX_CONNECTIONS + 1} while ${MAX_CONNECTIONS} are held`, async () => {
    const { host: hostHeader } = new URL(host.origin);
    const held: net.Socket[] = [];
    try {
      // Each held socket has had a complete answer, so the server has accepted and counts it.
      for (let i = 0; i < MAX_CONNECTIONS; i++) {
        const s = await connect(host.origin);
        held.push(s);
        await new Promise<void>((resolve) => {
          s.once('data', () => resolve());
          s.write(`GET /no-such-file HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`);
        });
      }
      const extra = await connect(host.origin);
      const answer = untilClosed(extra);
      extra.write(`GET /no-such-file HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`);
      expect(await answer).toBe('');
    } finally {
      for (const s of held) s.destroy();
    }
  }, 60_000);
});
