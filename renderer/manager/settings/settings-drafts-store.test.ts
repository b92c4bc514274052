import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import type { PolicyStatusView } from '../../../shared/ipc/schemas/fleet.ts';
import { createSettingsStore } from '../../state/settings-store.ts';
import { createFakeBridge, deferred, handleSettings, fail, flush, ok, settingsFixture } from '../../testing/fake-bridge.ts';
import { createPolicyStore } from './policy-store.ts';
import { createSettingsDraftsStore } from './settings-drafts-store.ts';

const LOCKS: PolicyStatusView = {
  status: 'applied',
  path: '/etc/socialhub-till/policy.json',
  locked: ['baseUrl'],
  managed: ['baseUrl'],
  fleet: { posLinkEnabled: null, language: null, currency: null },
  tillIdPattern: null,
  problem: null,
  appliedAt: '2026-12-06T00:00:00.000Z',
  lockedLabel: 'Managed by your organisation',
};

async function setup(translator = tillIn()) {
  const fake = createFakeBridge();
  const saved = handleSettings(fake);
  fake.handle('policyStatus', () => ok(LOCKS));
  const settings = createSettingsStore(fake.bridge, tillIn());
  const policy = createPolicyStore(fake.bridge, tillIn());
  const drafts = createSettingsDraftsStore({ settings, policy, translator });
  await settings.getState().load();
  await policy.getState().refresh();
  return { fake, settings, drafts, saved };
}


const section = (s: Awaited<ReturnType<typeof setup>>, id: 'connection' | 'housekeeping') => s.drafts.getState().sections[id];

describe('settings drafts store', () => {
  it('saves only the edited section, leaves out what the policy locks, and says it was saved', async () => {
    const s = await setup();
    s.drafts.getState().set('connection', 'noResendWindowMs', '90000');
    s.drafts.getState().set('connection', 'baseUrl', 'https://elsewhere.socialhub.ai/api/v2'); // locked by the policy
    s.drafts.getState().set('housekeeping', 'journalRetentionDays', '30');
    await Promise.all([s.drafts.getState().save('connection'), s.drafts.getState().save('connection')]);
    const sent = s.fake.callsTo('settingsUpdate') as Record<string, unknown>[];
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ noResendWindowMs: 90000 });
    expect(sent[0]).not.toHaveProperty('baseUrl');
    expect(sent[0]).not.toHaveProperty('journalRetentionDays');
    expect(s.settings.getState().settings?.noResendWindowMs).toBe(90000);
    expect(section(s, 'connection')).toMatchObject({ edits: {}, errors: {}, failure: null, saving: false, status: 'Saved.' });
    // The other section's draft is untouched until it is saved or discarded.
    expect(section(s, 'housekeeping')?.edits).toEqual({ journalRetentionDays: '30' });
    s.drafts.getState().discard('housekeeping');
    expect(section(s, 'housekeeping')?.edits).toEqual({});
  });

  it('shows the problems of a draft beside their fields and sends nothing', async () => {
    const s = await setup();
    s.drafts.getState().set('housekeeping', 'journalRetentionDays', 'ninety');
    await s.drafts.getState().save('housekeeping');
    expect(Object.keys(section(s, 'housekeeping')?.errors ?? {})).toEqual(['journalRetentionDays']);
    expect(s.fake.callsTo('settingsUpdate')).toHaveLength(0);
    // Typing again does not hide the problem: that waits for the next save.
    s.drafts.getState().set('housekeeping', 'journalRetentionDays', '60');
    expect(Object.keys(section(s, 'housekeeping')?.errors ?? {})).toEqual(['journalRetentionDays']);
    await s.drafts.getState().save('housekeeping');
    expect(section(s, 'housekeeping')).toMatchObject({ errors: {}, edits: {}, status: 'Saved.' });
  });

  it("puts main's SETTINGS_INVALID issues next to their fields and any other refusal above the buttons", async () => {
    const s = await setup();
    s.fake.handle('settingsUpdate', () => fail('SETTINGS_INVALID', 'Some settings are not allowed.', [{ path: ['journalRetentionDays'], message: 'Keep at least 7 days.' }]));
    s.drafts.getState().set('housekeeping', 'journalRetentionDays', '8');
    await s.drafts.getState().save('housekeeping');
    expect(section(s, 'housekeeping')).toMatchObject({ saving: false, failure: null, errors: { journalRetentionDays: 'Keep at least 7 days.' }, edits: { journalRetentionDays: '8' } });

    s.fake.handle('settingsUpdate', () => fail('INTERNAL', 'The settings file could not be written.'));
    await s.drafts.getState().save('housekeeping');
    expect(section(s, 'housekeeping')).toMatchObject({ saving: false, errors: {}, failure: expect.any(String) as unknown, edits: { journalRetentionDays: '8' } });
  });

  it('the console closed while a save was out: the drafts start empty', async () => {
    const s = await setup();
    const answer = deferred();
    s.fake.handle('settingsUpdate', () => answer.promise);
    s.drafts.getState().set('housekeeping', 'journalRetentionDays', '45');
    const saving = s.drafts.getState().save('housekeeping');
    await flush();
    expect(section(s, 'housekeeping')?.saving).toBe(true);
    s.drafts.getState().reset();
    answer.resolve(ok(settingsFixture({ journalRetentionDays: 45 })));
    await saving;
    expect(s.drafts.getState().sections).toEqual({});
    // The settings store still took main's answer: the till is as saved.
    expect(s.settings.getState().settings?.journalRetentionDays).toBe(45);
  });

  it('says it in the console language', async () => {
    const de = createTranslator('de');
    const s = await setup(() => de);
    s.drafts.getState().set('housekeeping', 'journalRetentionDays', '30');
    await s.drafts.getState().save('housekeeping');
    expect(section(s, 'housekeeping')?.status).not.toBeNull();
    expect(section(s, 'housekeeping')?.status).not.toBe('Saved.');
  });
});
