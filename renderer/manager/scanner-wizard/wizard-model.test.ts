import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { analyseScannerBurst, SCANNER_TEST_CODE } from '../../scan/scanner-profile.ts';
import { syntheticKeys } from '../../scan/synthetic-keys.ts';
import type { SettingsPatch } from '../../../shared/ipc/schemas/settings.ts';
import { createSettingsStore } from '../../state/settings-store.ts';
import { createFakeBridge, fail, ok, settingsFixture } from '../../testing/fake-bridge.ts';
import { BurstRecorder, layoutFromMap, planSave, saveScannerPlan, showChars, storableAffix, type SavePlan } from './wizard-model.ts';

const current = settingsFixture().scanner;

describe('scanner wizard model', () => {
  it('records what the analysis needs from each key', () => {
    const r = new BurstRecorder();
    r.record({ key: 'S', timeStamp: 1, ctrlKey: false, altKey: false, metaKey: false, repeat: false });
    expect(r.events).toEqual([{ key: 'S', timeStamp: 1, ctrlKey: false, altKey: false, metaKey: false, repeat: false }]);
    r.clear();
    expect(r.size).toBe(0);
  });

  it('plans a save for a scanner with a printable prefix and a Tab', () => {
    const analysis = analyseScannerBurst(SCANNER_TEST_CODE, syntheticKeys(`#${SCANNER_TEST_CODE}\t`, { gapMs: 12, terminator: null }));
    expect(analysis.ok).toBe(true);
    if (!analysis.ok) return;
    const plan = planSave(analysis.profile, current);
    expect(plan).toMatchObject({ ok: true, scanner: { prefix: '#', suffix: '', terminator: 'tab', minLength: 4, customPattern: null } });
    if (plan.ok) expect(plan.changes.join(' ')).toMatch(/Prefix: none → “#”/);
  });

  it('tells the manager to turn off a control-character prefix the till cannot store', () => {
    const plan = planSave({ maxGapMs: 40, prefix: '\u0002', suffix: '', terminator: 'Enter', minLength: 4 }, current);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.instructions).toMatch(/\[STX\].*turn off the prefix/);
  });

  it('keeps the other scanner settings (custom pattern, minimum length)', () => {
    const plan = planSave({ maxGapMs: 45, prefix: '', suffix: '', terminator: 'none', minLength: 4 }, { ...current, minLength: 6, customPattern: 'X(?<member>\\d+)' });
    expect(plan).toMatchObject({ ok: true, scanner: { minLength: 6, customPattern: 'X(?<member>\\d+)', terminator: 'none', maxGapMs: 45 } });
  });

  it('shows invisible characters by name', () => {
    expect(showChars('')).toBe('none');
    expect(showChars('\u0002A\n')).toBe('“[STX]A[Enter]”');
    expect(storableAffix('ABCDEFGH')).toBe(true);
    expect(storableAffix('ABCDEFGHI')).toBe(false);
    expect(storableAffix('\u0002')).toBe(false);
  });

  it('recognises the till layout from the layout map', () => {
    const map = (q: string, y: string) => ({ get: (code: string) => (code === 'KeyQ' ? q : code === 'KeyY' ? y : undefined) });
    expect(layoutFromMap(map('a', 'y'))).toBe('fr-azerty');
    expect(layoutFromMap(map('q', 'z'))).toBe('de-qwertz');
    expect(layoutFromMap(map('q', 'y'))).toBe('us');
    expect(layoutFromMap(map("'", 'f'))).toBe('us-dvorak');
    expect(layoutFromMap(map('x', 'x'))).toBeUndefined();
  });
});

describe('saving the wizard’s plan', () => {
  const plan = (): SavePlan & { ok: true } => {
    const analysis = analyseScannerBurst(SCANNER_TEST_CODE, syntheticKeys(`#${SCANNER_TEST_CODE}\t`, { gapMs: 12, terminator: null }));
    if (!analysis.ok) throw new Error('expected a recognised scanner');
    const p = planSave(analysis.profile, current);
    if (!p.ok) throw new Error('expected a plan');
    return p;
  };

  it('goes through the settings store, which then holds the new scanner settings', async () => {
    const fake = createFakeBridge();
    const stored = settingsFixture({ earnRule: { pointsPerUnit: 3, rounding: 'ceil', applyTierMultiplier: false } });
    fake.handle('settingsGet', () => ok(stored));
    fake.handle('settingsUpdate', (req) => ok({ ...stored, scanner: { ...stored.scanner, ...(req as SettingsPatch).scanner } }));
    const settings = createSettingsStore(fake.bridge, tillIn());
    await settings.getState().load();
    expect(await saveScannerPlan(settings, plan(), tillIn()())).toBeNull();
    expect(settings.getState().settings?.scanner).toMatchObject({ prefix: '#', terminator: 'tab' });
    // Only the scanner's own fields are sent: a stale copy of another group could undo a save made meanwhile.
    const sent = fake.callsTo('settingsUpdate')[0] as SettingsPatch;
    expect(sent).toMatchObject({ scanner: { prefix: '#' } });
    expect(Object.keys(sent)).toEqual(['scanner']);
    expect(settings.getState().settings?.earnRule).toMatchObject({ pointsPerUnit: 3, rounding: 'ceil' });
  });

  it('says a manager must be signed in when the session is locked, and main’s reason otherwise', async () => {
    const fake = createFakeBridge();
    fake.handle('settingsGet', () => ok(settingsFixture()));
    fake.handle('settingsUpdate', () => fail('LOCKED', 'Unlock the manager functions with the manager PIN first.'));
    const settings = createSettingsStore(fake.bridge, tillIn());
    await settings.getState().load();
    expect(await saveScannerPlan(settings, plan(), tillIn()())).toMatch(/^A manager must be signed in to save scanner settings/);
    fake.handle('settingsUpdate', () => fail('SETTINGS_UNSAVED', 'The settings file could not be written.'));
    expect(await saveScannerPlan(settings, plan(), tillIn()())).toBe('The settings file could not be written.');
    expect(settings.getState().settings?.scanner.prefix).toBe('');
  });
});
