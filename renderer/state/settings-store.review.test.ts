import { describe, expect, it } from 'vitest';
import { tillIn } from '../testing/translators.ts';
import type { Settings, SettingsPatch } from '../../shared/ipc/schemas/settings.ts';
import { createSettingsStore } from './settings-store.ts';
import { createFakeBridge, deferred, fail, ok, settingsFixture } from '../testing/fake-bridge.ts';

/** Main's settings: a patch replaces the groups it carries whole (the IPC door fills absent ones). */
function setup() {
  const fake = createFakeBridge();
  let saved: Settings = settingsFixture();
  fake.handle('settingsGet', () => ok(saved));
  const apply = (patch: SettingsPatch): Settings => (saved = { ...saved, ...(patch as Partial<Settings>) });
  const settings = createSettingsStore(fake.bridge, tillIn());
  return { fake, settings, apply, main: () => saved };
}

const NEW_RULE = { pointsPerUnit: 25, rounding: 'round', applyTierMultiplier: false } as const;

describe('review: two settings saves in flight', () => {
  it('a save of another group, started before the earn rule save answered, does not put the old earn rule back', async () => {
    const { fake, settings, apply, main } = setup();
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
    const { fake, settings, apply, main } = setup();
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
    const { fake, settings } = setup();
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
});
