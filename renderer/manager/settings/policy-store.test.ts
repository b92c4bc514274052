import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import type { PolicyStatusView } from '../../../shared/ipc/schemas/fleet.ts';
import { createFakeBridge, fail, ok } from '../../testing/fake-bridge.ts';
import { createPolicyStore } from './policy-store.ts';

const STATUS: PolicyStatusView = {
  status: 'applied',
  path: '/etc/socialhub-till/policy.json',
  locked: ['storeId', 'scanner', 'currency'],
  managed: ['storeId', 'scanner', 'currency'],
  fleet: { posLinkEnabled: null, language: null, currency: 'CAD' },
  tillIdPattern: null,
  problem: null,
  appliedAt: '2026-12-06T00:00:00.000Z',
  lockedLabel: 'Managed by your organisation',
};

describe('policy store', () => {
  it('reads which fields the policy locks; a nested field is locked with its setting', async () => {
    const fake = createFakeBridge();
    fake.handle('policyStatus', () => ok(STATUS));
    const store = createPolicyStore(fake.bridge, tillIn());
    expect(store.getState().isLocked('storeId')).toBe(false);
    await store.getState().refresh();
    expect(store.getState().isLocked('storeId')).toBe(true);
    expect(store.getState().isLocked('scanner.prefix')).toBe(true);
    expect(store.getState().isLocked('currency')).toBe(true);
    expect(store.getState().isLocked('tillId')).toBe(false);
  });

  it('keeps the last answer and says why when main cannot be asked', async () => {
    const fake = createFakeBridge();
    fake.handle('policyStatus', () => ok(STATUS));
    const store = createPolicyStore(fake.bridge, tillIn());
    await store.getState().refresh();
    fake.handle('policyStatus', () => fail('INTERNAL', 'boom'));
    await store.getState().refresh();
    expect(store.getState().status).toEqual(STATUS);
    expect(store.getState().error).not.toBeNull();
  });
});
