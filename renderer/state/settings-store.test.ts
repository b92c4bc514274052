import { describe, expect, it } from 'vitest';
import { tillIn } from '../testing/translators.ts';
import type { Settings, SettingsPatch } from '../../shared/ipc/schemas/settings.ts';
import { createSettingsStore, wedgeOptionsFromSettings } from './settings-store.ts';
import { createFakeBridge, deferred, fail, ok, settingsFixture } from '../testing/fake-bridge.ts';

const INFO = {
  name: 'SocialHub Till',
  version: '1.0.0',
  platform: 'linux',
  packaged: false,
  mode: 'sandbox' as const,
  storage: { backend: 'unknown', protected: false, available: false, optedInPlainText: false, optedInAt: null, warning: null },
  notices: [
    { id: 'n1', kind: 'keys-cleared', at: '2030-01-01T00:00:00.000Z', message: 'The keys were cleared.' },
    { id: 'n2', kind: 'till-reset', at: '2030-01-01T00:01:00.000Z', message: 'The till was reset.' },
  ],
};

function setup() {
  const fake = createFakeBridge();
  let saved = settingsFixture({ earnRule: { pointsPerUnit: 10, rounding: 'round', applyTierMultiplier: false } });
  fake.handle('settingsGet', () => ok(saved));
  fake.handle('appInfo', () => ok(INFO));
  fake.handle('settingsUpdate', (req) => {
    const patch = req as SettingsPatch;
    saved = { ...saved, ...patch, scanner: { ...saved.scanner, ...patch.scanner }, earnRule: { ...saved.earnRule, ...patch.earnRule }, camera: { ...saved.camera, ...patch.camera }, posLink: { ...saved.posLink, ...patch.posLink } };
    return ok(saved);
  });
  const settings = createSettingsStore(fake.bridge, tillIn());
  return { fake, settings };
}

describe('settings store', () => {
  it('reads the settings and the app info once at load', async () => {
    const { settings, fake } = setup();
    await settings.getState().load();
    expect(settings.getState()).toMatchObject({ settings: { storeId: 'st_1' }, info: { mode: 'sandbox' }, error: null });
    expect(fake.callsTo('settingsGet')).toHaveLength(1);
    expect(fake.callsTo('appInfo')).toHaveLength(1);
  });

  it('keeps the reason when the settings cannot be read', async () => {
    const { settings, fake } = setup();
    fake.handle('settingsGet', () => fail('INTERNAL', 'The settings file could not be read.'));
    await settings.getState().load();
    expect(settings.getState()).toMatchObject({ settings: null, error: 'The settings file could not be read.' });
  });

  it('update(patch) sends only the patch (main merges it field by field), and keeps main’s answer', async () => {
    const { settings, fake } = setup();
    await settings.getState().load();
    const result = await settings.getState().update({ scanner: { maxGapMs: 35, prefix: '', suffix: '', terminator: 'tab', minLength: 4, customPattern: null } });
    expect(result.ok).toBe(true);
    // No other group rides along: an old copy of it would undo another screen's save.
    expect(fake.callsTo('settingsUpdate')).toEqual([{ scanner: { maxGapMs: 35, prefix: '', suffix: '', terminator: 'tab', minLength: 4, customPattern: null } }]);
    expect(settings.getState().settings?.scanner).toMatchObject({ maxGapMs: 35, terminator: 'tab' });
    expect(settings.getState().settings?.earnRule.rounding).toBe('round');
  });

  it('a read that was out while a save finished does not put the old values back', async () => {
    const { settings, fake } = setup();
    await settings.getState().load();
    const before = settingsFixture({ earnRule: { pointsPerUnit: 10, rounding: 'round', applyTierMultiplier: false } });
    const read = deferred();
    fake.handle('settingsGet', () => read.promise);
    const loading = settings.getState().load();
    await settings.getState().update({ managerAutoLockMinutes: 9 });
    expect(settings.getState().settings?.managerAutoLockMinutes).toBe(9);
    // main read the file before the save reached it
    read.resolve(ok(before));
    await loading;
    expect(settings.getState().settings?.managerAutoLockMinutes).toBe(9);
    // A read started after the save lands as usual.
    fake.handle('settingsGet', () => ok({ ...before, managerAutoLockMinutes: 11 }));
    await settings.getState().load();
    expect(settings.getState().settings?.managerAutoLockMinutes).toBe(11);
  });

  it('of two reads, the one started last wins whichever answers last; an older save answer does not undo a newer one', async () => {
    const { settings, fake } = setup();
    const reads = [deferred(), deferred()];
    let n = 0;
    fake.handle('settingsGet', () => reads[n++]!.promise);
    const first = settings.getState().load();
    const second = settings.getState().load();
    reads[1]!.resolve(ok(settingsFixture({ managerAutoLockMinutes: 7 })));
    await second;
    reads[0]!.resolve(ok(settingsFixture({ managerAutoLockMinutes: 3 })));
    await first;
    expect(settings.getState().settings?.managerAutoLockMinutes).toBe(7);

    const saves = [deferred(), deferred()];
    let m = 0;
    fake.handle('settingsUpdate', () => saves[m++]!.promise);
    const older = settings.getState().update({ managerAutoLockMinutes: 20 });
    const newer = settings.getState().update({ managerAutoLockMinutes: 30 });
    saves[1]!.resolve(ok(settingsFixture({ managerAutoLockMinutes: 30 })));
    await newer;
    saves[0]!.resolve(ok(settingsFixture({ managerAutoLockMinutes: 20 })));
    expect(await older).toMatchObject({ ok: true });
    expect(settings.getState().settings?.managerAutoLockMinutes).toBe(30);
  });

  it('a patch the schema refuses is never sent, and names its field', async () => {
    const { settings, fake } = setup();
    await settings.getState().load();
    const result = await settings.getState().update({ managerAutoLockMinutes: 0 });
    expect(result).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', issues: [{ path: ['managerAutoLockMinutes'] }] } });
    const unknownField = await settings.getState().update({ kioskMode: true } as unknown as SettingsPatch);
    expect(unknownField.ok).toBe(false);
    expect(fake.callsTo('settingsUpdate')).toHaveLength(0);
    expect(settings.getState().settings?.managerAutoLockMinutes).toBe(5);
  });

  it('main’s refusal comes back as it is, and the settings stay', async () => {
    const { settings, fake } = setup();
    await settings.getState().load();
    fake.handle('settingsUpdate', () => fail('SETTINGS_INVALID', 'Settings could not be saved', [{ path: ['baseUrl'], message: 'must use https' }]));
    const result = await settings.getState().update({ baseUrl: 'https://example.com/api/v2' });
    expect(result).toEqual({ ok: false, error: { code: 'SETTINGS_INVALID', message: 'Settings could not be saved', issues: [{ path: ['baseUrl'], message: 'must use https' }] } });
    expect(settings.getState().settings?.baseUrl).toBe('https://flash.socialhub.ai/api/v2');
  });

  it('dismissing a notice keeps main’s remaining list; a failure says why', async () => {
    const { settings, fake } = setup();
    await settings.getState().load();
    fake.handle('appDismissNotice', () => ok({ notices: [INFO.notices[1]] }));
    expect(await settings.getState().dismissNotice('n1')).toBeNull();
    expect(settings.getState().info?.notices.map((n) => n.id)).toEqual(['n2']);
    fake.handle('appDismissNotice', () => fail('LOCKED', 'Unlock the manager functions with the manager PIN first.'));
    expect(await settings.getState().dismissNotice('n2')).toBe('The manager console locked itself. Enter the PIN to continue.');
    expect(settings.getState().noticeError).toBe('The manager console locked itself. Enter the PIN to continue.');
    expect(settings.getState().info?.notices).toHaveLength(1);
    fake.handle('appDismissNotice', () => ok({ notices: [] }));
    expect(await settings.getState().dismissNotice('n2')).toBeNull();
    expect(settings.getState()).toMatchObject({ noticeError: null, info: { notices: [] } });
  });

  it('wedge options follow the saved scanner settings', () => {
    expect(wedgeOptionsFromSettings(null)).toEqual({});
    expect(wedgeOptionsFromSettings(settingsFixture({ scanner: { maxGapMs: 30, prefix: '', suffix: '', terminator: 'none', minLength: 1, customPattern: null } }))).toMatchObject({
      maxGapMs: 30,
      minLength: 2,
      terminators: [],
    });
  });
});

/** A main that keeps each group a patch carries as sent: an old copy of a group riding along would put it back. */
function setupReplacing() {
  const fake = createFakeBridge();
  let saved: Settings = settingsFixture();
  fake.handle('settingsGet', () => ok(saved));
  const apply = (patch: SettingsPatch): Settings => (saved = { ...saved, ...(patch as Partial<Settings>) });
  const settings = createSettingsStore(fake.bridge, tillIn());
  return { fake, settings, apply, main: () => saved };
}

const NEW_RULE = { pointsPerUnit: 25, rounding: 'round', applyTierMultiplier: false } as const;

describe('settings answers landing out of order', () => {
  it('a save of another group, started before the earn rule save answered, does not put the old earn rule back', async () => {
    const { fake, settings, apply, main } = setupReplacing();
    await settings.getState().load();
    fake.handle('settingsUpdate', (req) => ok(apply(req as SettingsPatch)));
    // The manager saves the earn rule, and the camera is picked before that answer is back.
    const rule = settings.getState().update({ earnRule: NEW_RULE });
    const camera = settings.getState().update({ camera: { deviceId: 'cam-2' } });
    await Promise.all([rule, camera]);
    expect(main().camera.deviceId).toBe('cam-2');
    expect(main().earnRule).toEqual(NEW_RULE);
    expect(settings.getState().settings?.earnRule).toEqual(NEW_RULE);
  });

  it('a newer save that main refuses does not leave the store on settings older than main, for the next save to write back', async () => {
    const { fake, settings, apply, main } = setupReplacing();
    await settings.getState().load();
    const answers = [deferred(), deferred()];
    let n = 0;
    fake.handle('settingsUpdate', (req) => {
      const i = n++;
      // Main applies the earn rule and refuses the second save (say its disk is full for a moment).
      if (i === 0) apply(req as SettingsPatch);
      return answers[i]!.promise;
    });
    const rule = settings.getState().update({ earnRule: NEW_RULE });
    const other = settings.getState().update({ managerAutoLockMinutes: 9 });
    answers[0]!.resolve(ok(main()));
    await rule;
    answers[1]!.resolve(fail('INTERNAL', 'Could not write the settings.'));
    expect((await other).ok).toBe(false);
    expect(settings.getState().settings?.earnRule).toEqual(NEW_RULE);

    fake.handle('settingsUpdate', (req) => ok(apply(req as SettingsPatch)));
    await settings.getState().update({ kiosk: true });
    expect(main().earnRule).toEqual(NEW_RULE);
  });

  it('an app-info read that started before a notice was dismissed does not bring the notice back', async () => {
    const { fake, settings } = setupReplacing();
    const notice = { id: 'n1', kind: 'keys-cleared', at: '2030-01-01T00:00:00.000Z', message: 'The keys were cleared.' };
    const info = (notices: (typeof notice)[]) => ({
      name: 'SocialHub Till', version: '1.0.0', platform: 'linux', packaged: false, mode: 'sandbox' as const,
      storage: { backend: 'unknown', protected: false, available: false, optedInPlainText: false, optedInAt: null, warning: null },
      notices,
    });
    fake.handle('appInfo', () => ok(info([notice])));
    await settings.getState().load();
    const read = deferred();
    fake.handle('appInfo', () => read.promise);
    fake.handle('appDismissNotice', () => ok({ notices: [] }));
    const reading = settings.getState().loadInfo();
    expect(await settings.getState().dismissNotice('n1')).toBeNull();
    read.resolve(ok(info([notice])));
    await reading;
    expect(settings.getState().info?.notices).toEqual([]);
  });

  it('a read that started after a dismissal keeps its newer notice list when the dismissal answers last', async () => {
    const { fake, settings } = setupReplacing();
    fake.handle('appInfo', () => ok(INFO));
    await settings.getState().load();
    const dismissal = deferred();
    fake.handle('appDismissNotice', () => dismissal.promise);
    const dismissing = settings.getState().dismissNotice('n1');
    // Main dismissed n1 and raised n3 before this read reached it.
    const n3 = { id: 'n3', kind: 'till-reset', at: '2030-01-01T00:02:00.000Z', message: 'The till was reset.' };
    fake.handle('appInfo', () => ok({ ...INFO, notices: [INFO.notices[1]!, n3] }));
    await settings.getState().loadInfo();
    dismissal.resolve(ok({ notices: [INFO.notices[1]] }));
    expect(await dismissing).toBeNull();
    expect(settings.getState().info?.notices.map((n) => n.id)).toEqual(['n2', 'n3']);
  });
});
