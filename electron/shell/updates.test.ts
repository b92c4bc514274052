/**
 * The Electron glue of the update client, with Electron's autoUpdater played by an emitter: the
 * restart main does on every policy change keeps one set of listeners on the process-wide updater.
 */
import type { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ updater: null as null | (EventEmitter & { feeds: string[]; installs: number }) }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Updater extends Emitter {
    feeds: string[] = [];
    installs = 0;
    setFeedURL(o: { url: string }): void {
      this.feeds.push(o.url);
    }
    checkForUpdates(): void {}
    quitAndInstall(): void {
      this.installs++;
    }
  }
  fake.updater = new Updater();
  return { app: { getName: () => 'SocialHub Till', getVersion: () => '1.0.0' }, autoUpdater: fake.updater };
});
import { startUpdates } from './updates.ts';

const platform = Object.getOwnPropertyDescriptor(process, 'platform');
beforeAll(() => {
  Object.defineProperty(process, 'platform', { value: 'win32' }); // Squirrel's platforms only; the updater here is the stand-in
});
afterAll(() => {
  if (platform !== undefined) Object.defineProperty(process, 'platform', platform);
});

const idle = () => ({ writesInFlight: 0, unfinished: 0, journalDurable: true, saleOpen: false, lastActivityAt: null });
const EVENTS = ['error', 'update-available', 'update-not-available', 'update-downloaded'];

describe('startUpdates (Electron glue)', () => {
  it('a restart replaces the client on the one autoUpdater: one listener per event, the new feed, one install', () => {
    const log = { warn: () => undefined };
    const first = startUpdates({ config: { feedUrl: 'https://updates.chain.example/till' }, readiness: idle, log });
    const second = startUpdates({ config: { feedUrl: 'https://updates.chain.example/till', channel: 'pilot' }, readiness: idle, log });
    const updater = fake.updater!;
    expect(EVENTS.map((e) => updater.listenerCount(e))).toEqual([1, 1, 1, 1]);
    expect(updater.feeds.at(-1)).toMatch(/^https:\/\/updates\.chain\.example\/till\/pilot\/win32\//);
    updater.emit('update-downloaded', {}, '', '1.1.0', new Date(), '');
    expect(updater.installs).toBe(1);
    first.stop(); // stopping the replaced one does not touch the current one
    expect(EVENTS.map((e) => updater.listenerCount(e))).toEqual([1, 1, 1, 1]);
    second.stop();
    expect(EVENTS.map((e) => updater.listenerCount(e))).toEqual([0, 0, 0, 0]);
  });
});
