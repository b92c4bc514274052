import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import type { PosLinkShare, PosLinkStatus } from '../../../shared/ipc/schemas/pos-link.ts';
import type { SettingsPatch } from '../../../shared/ipc/schemas/settings.ts';
import { createSettingsStore } from '../../state/settings-store.ts';
import { createFakeBridge, fail, flush, ok, settingsFixture } from '../../testing/fake-bridge.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { createPosLinkAdminStore, shareText, wholeNumberIn } from './pos-link-store.ts';

function status(overrides: Partial<PosLinkStatus> = {}): PosLinkStatus {
  return { enabled: false, port: 8787, listening: null, error: null, token: { configured: false, mask: null, createdAt: null }, ...overrides };
}

const SHARE: PosLinkShare = {
  from: 1,
  to: 2,
  sales: 5,
  withMember: 3,
  noMember: 1,
  waiting: 1,
  cancelled: 0,
  share: 0.75,
  missed: [{ posTxnId: '90870', total: '4.50', currency: 'USD', receivedAt: 1, cashierId: 'c7' }],
};

function setup() {
  const fake = createFakeBridge();
  let saved = settingsFixture();
  fake.handle('settingsGet', () => ok(saved));
  fake.handle('settingsUpdate', (req) => {
    const patch = req as SettingsPatch;
    saved = { ...saved, posLink: { ...saved.posLink, ...patch.posLink } };
    return ok(saved);
  });
  let server = status();
  fake.handle('posLinkStatus', () => ok(server));
  fake.handle('posLinkShare', () => ok(SHARE));
  fake.handle('posLinkConfigure', (req) => {
    const r = req as { enabled?: boolean; port?: number };
    const enabled = r.enabled ?? server.enabled;
    const port = r.port ?? server.port;
    server = status({ ...server, enabled, port, listening: enabled ? { port, hosts: ['127.0.0.1', '::1'] } : null });
    return ok(server);
  });
  let n = 0;
  const mint = () => {
    n++;
    server = status({ ...server, token: { configured: true, mask: `shpos_…${n}${n}${n}${n}`, createdAt: '2026-12-06T00:00:00.000Z' } });
    return ok({ token: `shpos_secret_${n}`, status: server });
  };
  fake.handle('posLinkTokenCreate', mint);
  fake.handle('posLinkTokenRotate', mint);
  fake.handle('posLinkTokenRevoke', () => {
    server = status({ ...server, token: { configured: false, mask: null, createdAt: null } });
    return ok(server);
  });
  const settings = createSettingsStore(fake.bridge, tillIn());
  const copied: string[] = [];
  let reloads = 0;
  const store = createPosLinkAdminStore({
    bridge: fake.bridge,
    translator: tillIn(),
    settings: () => settings.getState().settings,
    updateSettings: (patch) => settings.getState().update(patch),
    reloadSettings: () => {
      reloads++;
    },
    copy: (text) => {
      copied.push(text);
      return Promise.resolve();
    },
  });
  return { fake, store, settings, copied, saved: () => saved, reloads: () => reloads };
}

describe('POS link manager store', () => {
  it('loads the server status, the options and today’s share with the missed sales', async () => {
    const { store, settings } = setup();
    await settings.getState().load();
    await store.getState().load();
    const s = store.getState();
    expect(s.status?.enabled).toBe(false);
    expect(s.options).toEqual({ autoAwardWhenCardShown: false, noMemberNudgeSeconds: '45', receiptCodePattern: '' });
    expect(s.share?.share).toBe(0.75);
    expect(s.share?.missed.map((m) => m.posTxnId)).toEqual(['90870']);
  });

  it('turns the link on and moves it to another port; a port out of range is refused before main is asked', async () => {
    const { fake, store, settings, reloads } = setup();
    await settings.getState().load();
    await store.getState().load();
    expect(store.getState().portInput).toBe('8787');
    await store.getState().setEnabled(true);
    expect(reloads()).toBe(1); // main saved it: the till's copy of the settings is read again
    expect(store.getState().status?.listening).toEqual({ port: 8787, hosts: ['127.0.0.1', '::1'] });
    store.getState().setPortInput('80');
    await store.getState().savePort();
    expect(store.getState().errors.port).toMatch(/1024 to 65535/);
    expect(fake.callsTo('posLinkConfigure')).toEqual([{ enabled: true }]);
    store.getState().setPortInput('9100');
    await store.getState().savePort();
    expect(fake.callsTo('posLinkConfigure')).toEqual([{ enabled: true }, { port: 9100 }]);
    expect(store.getState().status?.listening?.port).toBe(9100);
    expect(store.getState().portInput).toBe('9100');
    expect(reloads()).toBe(2);
  });

  it('shows a new token once, copies it, and forgets it on hide, on revoke and when the console closes', async () => {
    const { store, copied } = setup();
    await store.getState().load();
    await store.getState().createToken();
    expect(store.getState().newToken).toBe('shpos_secret_1');
    expect(store.getState().status?.token.configured).toBe(true);
    await store.getState().copyToken();
    expect(copied).toEqual(['shpos_secret_1']);
    store.getState().hideToken();
    expect(store.getState().newToken).toBeNull();

    await store.getState().rotateToken();
    expect(store.getState().newToken).toBe('shpos_secret_2');
    store.getState().reset();
    expect(store.getState().newToken).toBeNull();
    expect(store.getState().status).toBeNull();

    await store.getState().load();
    await store.getState().rotateToken();
    await store.getState().revokeToken();
    expect(store.getState().newToken).toBeNull();
    expect(store.getState().status?.token.configured).toBe(false);
  });

  it('an answer that arrives after the console closed is dropped (no token shown to the next manager)', async () => {
    const { fake, store } = setup();
    let release: () => void = () => undefined;
    fake.handle('posLinkTokenCreate', () => new Promise((resolve) => (release = () => resolve(ok({ token: 'shpos_late', status: status() })))));
    const pending = store.getState().createToken();
    await flush();
    store.getState().reset();
    release();
    await pending;
    expect(store.getState().newToken).toBeNull();
  });

  it('saves the till-side options through the settings store, so the cashier screen follows at once', async () => {
    const { fake, store, settings, saved } = setup();
    await settings.getState().load();
    await store.getState().load();
    store.getState().setOptions({ autoAwardWhenCardShown: true, noMemberNudgeSeconds: '20', receiptCodePattern: String.raw`SALE-(?<txn>\d+)-(?<total>\d+\.\d{2})` });
    await store.getState().saveOptions();
    expect(fake.callsTo('settingsUpdate')).toHaveLength(1);
    expect(saved().posLink).toMatchObject({ autoAwardWhenCardShown: true, noMemberNudgeSeconds: 20, receiptCodePattern: String.raw`SALE-(?<txn>\d+)-(?<total>\d+\.\d{2})` });
    expect(settings.getState().settings?.posLink.autoAwardWhenCardShown).toBe(true);
    expect(store.getState().statusText).toBe('Saved.');

    // An empty pattern means none.
    store.getState().setOptions({ receiptCodePattern: '  ' });
    await store.getState().saveOptions();
    expect(saved().posLink.receiptCodePattern).toBeNull();
  });

  it('puts a refused pattern or nudge time next to its field, and sends nothing', async () => {
    const { fake, store, settings } = setup();
    await settings.getState().load();
    await store.getState().load();
    store.getState().setOptions({ receiptCodePattern: String.raw`(?<txn>\d+)` });
    await store.getState().saveOptions();
    expect(store.getState().errors.receiptCodePattern).toMatch(/needs the named group/);
    store.getState().setOptions({ receiptCodePattern: '', noMemberNudgeSeconds: '2' });
    expect(store.getState().errors.receiptCodePattern).toBeUndefined();
    await store.getState().saveOptions();
    expect(store.getState().errors.noMemberNudgeSeconds).toMatch(/5 to 600/);
    expect(fake.callsTo('settingsUpdate')).toHaveLength(0);
  });

  it('shows why main refused', async () => {
    const { fake, store } = setup();
    fake.handle('posLinkConfigure', () => fail('SETTINGS_LOCKED', 'The POS link is set by your organisation’s policy.'));
    await store.getState().setEnabled(true);
    expect(store.getState().error).not.toBeNull();
    expect(store.getState().busy).toBe(false);
  });

  it('reads whole numbers in range only', () => {
    expect(wholeNumberIn('45', 5, 600)).toBe(45);
    expect(wholeNumberIn(' 600 ', 5, 600)).toBe(600);
    expect(wholeNumberIn('4', 5, 600)).toBeNull();
    expect(wholeNumberIn('4.5', 1, 600)).toBeNull();
    expect(wholeNumberIn('', 1, 600)).toBeNull();
  });
});

describe('shareText', () => {
  it('writes the share as a percentage in the manager’s locale, not a hand-made "80%"', () => {
    expect(shareText(0.8, createTranslator('en').t)).toBe('80% of decided sales had a member.');
    expect(shareText(0.8, createTranslator('de', 'de-DE').t)).toBe('80\u00a0% der entschiedenen Verkäufe hatten ein Mitglied.');
    expect(shareText(0.125, createTranslator('es', 'es-ES').t)).toMatch(/^13\u00a0% de las ventas/);
    expect(shareText(null, createTranslator('en').t)).toBe('No sale decided yet today.');
  });
});
