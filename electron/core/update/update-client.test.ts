/**
 * The update client over an autoUpdater stand-in (an EventEmitter like Electron's): restarting it —
 * as a policy change does — never stacks listeners, and only the current client acts on an update.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startUpdateClient } from './update-client.ts';
import type { UpdateClient, UpdateClientOptions } from './update-client.ts';
import type { UpdateReadiness } from './update-gate.ts';

class FakeUpdater extends EventEmitter {
  readonly feeds: { url: string; headers?: Record<string, string>; serverType?: string }[] = [];
  checks = 0;
  installs = 0;
  failCheck: Error | null = null;
  setFeedURL(options: { url: string; headers?: Record<string, string>; serverType?: 'json' | 'default' }): void {
    this.feeds.push(options);
  }
  checkForUpdates(): void {
    this.checks++;
    if (this.failCheck !== null) throw this.failCheck;
  }
  quitAndInstall(): void {
    this.installs++;
  }
}

const EVENTS = ['error', 'update-available', 'update-not-available', 'update-downloaded'];
const IDLE: UpdateReadiness = { writesInFlight: 0, unfinished: 0, journalDurable: true, saleOpen: false, lastActivityAt: null };

const clients: UpdateClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.stop();
});

function start(updater: FakeUpdater, over: Partial<UpdateClientOptions> = {}, lines: string[] = []): UpdateClient {
  const client = startUpdateClient({
    updater,
    feedUrl: 'https://updates.chain.example/stable/win32/x64',
    platform: 'win32',
    userAgent: 'SocialHub Till/1.0.0 (win32: x64)',
    readiness: () => IDLE,
    log: { warn: (m) => lines.push(m) },
    ...over,
  });
  clients.push(client);
  return client;
}
const counts = (u: FakeUpdater): number[] => EVENTS.map((e) => u.listenerCount(e));

describe('the update client', () => {
  it('restarting it leaves one listener per event, not one more per restart', () => {
    const updater = new FakeUpdater();
    start(updater);
    const once = counts(updater);
    expect(once).toEqual([1, 1, 1, 1]);
    for (let i = 0; i < 5; i++) start(updater, { feedUrl: `https://updates.chain.example/pilot/win32/x64?${i}` });
    expect(counts(updater)).toEqual(once);
    expect(updater.feeds.at(-1)?.url).toBe('https://updates.chain.example/pilot/win32/x64?4');
  });

  it('after a restart, a downloaded update is acted on once, by the current client (its gate)', () => {
    const updater = new FakeUpdater();
    let busy = true;
    start(updater, { readiness: () => IDLE });
    start(updater, { readiness: () => ({ ...IDLE, saleOpen: busy }) });
    updater.emit('update-downloaded', {}, '', '1.2.0', new Date(), 'https://updates.chain.example/x');
    // The old client's gate would have applied at once (idle); the current one waits for the sale.
    expect(updater.installs).toBe(0);
    busy = false;
    updater.emit('update-downloaded', {}, '', '1.2.0', new Date(), 'https://updates.chain.example/x');
    expect(updater.installs).toBe(1);
  });

  it('stop removes every listener it added and leaves others alone', () => {
    const updater = new FakeUpdater();
    const theirs = (): void => undefined;
    updater.on('error', theirs);
    const client = start(updater);
    client.stop();
    client.stop(); // twice is harmless
    expect(counts(updater)).toEqual([1, 0, 0, 0]);
    expect(updater.listeners('error')).toEqual([theirs]);
  });

  it('a feed that is down is one line, through the error event or a throwing check', () => {
    const updater = new FakeUpdater();
    updater.failCheck = new Error('net::ERR_NAME_NOT_RESOLVED');
    const lines: string[] = [];
    start(updater, {}, lines);
    updater.emit('error', new Error('404'));
    expect(lines).toEqual([expect.stringContaining('cannot be read (net::ERR_NAME_NOT_RESOLVED)')]);
    updater.emit('update-not-available');
    expect(lines.at(-1)).toBe('Updates: the feed answers again.');
  });

  it('macOS reads the JSON manifest; Linux (the package manager updates) gets no feed and no listeners', () => {
    const mac = new FakeUpdater();
    start(mac, { platform: 'darwin', feedUrl: 'https://updates.chain.example/stable/darwin/arm64' });
    expect(mac.feeds).toEqual([{ url: 'https://updates.chain.example/stable/darwin/arm64/RELEASES.json', headers: { 'User-Agent': 'SocialHub Till/1.0.0 (win32: x64)' }, serverType: 'json' }]);
    expect(mac.checks).toBe(1);
    const linux = new FakeUpdater();
    start(linux, { platform: 'linux' });
    expect(linux.feeds).toEqual([]);
    expect(counts(linux)).toEqual([0, 0, 0, 0]);
  });
});
