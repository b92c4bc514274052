import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import type { Settings } from '../../../shared/ipc/schemas/settings.ts';
import type { SoundKind } from '../../app/sound.ts';
import { SCANNER_TEST_CODE } from '../../scan/scanner-profile.ts';
import { syntheticKeys } from '../../scan/synthetic-keys.ts';
import { createSettingsStore } from '../../state/settings-store.ts';
import { createFakeBridge, deferred, handleSettings, fail, flush, ok, settingsFixture } from '../../testing/fake-bridge.ts';
import { createWizardStore, type WizardStore } from './wizard-store.ts';

async function setup(translator = tillIn()) {
  const fake = createFakeBridge();
  handleSettings(fake);
  const settings = createSettingsStore(fake.bridge, tillIn());
  await settings.getState().load();
  const sounds: SoundKind[] = [];
  const wizard = createWizardStore({ settings, sound: { play: (k) => sounds.push(k) }, translator });
  return { fake, settings, wizard, sounds };
}

/** The scanner "types" the burst into the wizard, as the view's key capture would. */
function scan(wizard: WizardStore, text: string): boolean[] {
  return syntheticKeys(text, { gapMs: 12, terminator: null }).map((e) =>
    wizard.getState().record({ key: e.key, timeStamp: e.timeStamp, ctrlKey: false, altKey: false, metaKey: false, repeat: false }),
  );
}

const key = (k: string) => ({ key: k, timeStamp: 1, ctrlKey: false, altKey: false, metaKey: false, repeat: false });

describe('scanner wizard store', () => {
  it('leaves Esc, Tab and function keys to the app until a burst has started, then counts every key', async () => {
    const { wizard } = await setup();
    expect(['Escape', 'Tab', 'F9', 'Shift'].map((k) => wizard.getState().record(key(k)))).toEqual([false, false, false, false]);
    expect(wizard.getState().phase).toEqual({ step: 'listening', keys: 0 });
    expect(wizard.getState().record(key('#'))).toBe(true);
    expect(wizard.getState().record(key('Tab'))).toBe(true);
    expect(wizard.getState().phase).toEqual({ step: 'listening', keys: 2 });
  });

  it('analyses the burst, plans the change and saves it through the settings store', async () => {
    const { fake, settings, wizard, sounds } = await setup();
    expect(scan(wizard, `#${SCANNER_TEST_CODE}\t`).every(Boolean)).toBe(true);
    wizard.getState().finish();
    const result = wizard.getState().phase;
    expect(result).toMatchObject({ step: 'result', analysis: { ok: true }, plan: { ok: true, scanner: { prefix: '#', terminator: 'tab' } } });
    expect(sounds).toEqual(['success']);
    // No more keys are taken once the result shows.
    expect(wizard.getState().record(key('x'))).toBe(false);

    await Promise.all([wizard.getState().save(), wizard.getState().save()]);
    expect(fake.callsTo('settingsUpdate')).toHaveLength(1);
    expect(settings.getState().settings?.scanner).toMatchObject({ prefix: '#', terminator: 'tab' });
    expect(wizard.getState().phase).toMatchObject({ step: 'saved', plan: { ok: true } });
    expect(sounds).toEqual(['success', 'success']);
  });

  it('a scan it cannot use: says so, saves nothing, and listens again on request', async () => {
    const { fake, wizard, sounds } = await setup();
    wizard.getState().finish();
    expect(wizard.getState().phase).toMatchObject({ step: 'result', analysis: { ok: false, problem: 'no_input' }, plan: null });
    expect(sounds).toEqual(['error']);
    await wizard.getState().save();
    expect(fake.callsTo('settingsUpdate')).toHaveLength(0);
    wizard.getState().again();
    expect(wizard.getState().phase).toEqual({ step: 'listening', keys: 0 });
  });

  it('a refused save keeps the result and can be tried again', async () => {
    const { fake, wizard } = await setup();
    fake.handle('settingsUpdate', () => fail('LOCKED', 'Unlock the manager functions with the manager PIN first.'));
    scan(wizard, `#${SCANNER_TEST_CODE}\t`);
    wizard.getState().finish();
    await wizard.getState().save();
    expect(wizard.getState().phase).toMatchObject({ step: 'save-failed', analysis: { ok: true }, plan: { ok: true }, message: expect.stringMatching(/manager must be signed in/) as unknown });
    fake.handle('settingsUpdate', (patch) => ok({ ...settingsFixture(), ...(patch as Partial<Settings>) }));
    await wizard.getState().save();
    expect(wizard.getState().phase.step).toBe('saved');
  });

  it('closed while saving: it starts afresh, and the late answer changes nothing on screen', async () => {
    const { fake, wizard } = await setup();
    const answer = deferred();
    fake.handle('settingsUpdate', () => answer.promise);
    scan(wizard, `#${SCANNER_TEST_CODE}\t`);
    wizard.getState().finish();
    const saving = wizard.getState().save();
    await flush();
    expect(wizard.getState().phase.step).toBe('saving');
    wizard.getState().reset();
    answer.resolve(ok(settingsFixture()));
    await saving;
    expect(wizard.getState().phase).toEqual({ step: 'listening', keys: 0 });
  });

  it('plans in the console language', async () => {
    const de = createTranslator('de');
    const { wizard } = await setup(() => de);
    scan(wizard, `#${SCANNER_TEST_CODE}\t`);
    wizard.getState().finish();
    const phase = wizard.getState().phase;
    expect(phase.step === 'result' && phase.plan?.ok === true ? phase.plan.changes.join(' ') : '').not.toMatch(/Prefix: none/);
  });
});
