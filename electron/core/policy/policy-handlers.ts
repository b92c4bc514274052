/**
 * `policy:status` (what the settings screen marks "Managed by your organisation") and
 * `support:save-bundle` (the manager's "Save a support bundle"). Where the bundle goes is the
 * host's to decide: Electron asks with a save dialog, the web host and tests use a folder.
 */
import fs from 'node:fs';
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { PolicyStatusView } from '../../../shared/ipc/schemas/fleet.ts';
import { lockedFields, POLICY_SETTING_NAMES } from '../../../shared/policy/policy-schema.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import { writeFileAtomicSync } from '../fs/atomic-write.ts';
import { MANAGED_MESSAGE } from './managed-settings.ts';
import type { PolicyState } from './policy-source.ts';
import type { SupportBundle } from '../support/bundle.ts';

export interface FleetHandlerDeps {
  readonly policy: () => PolicyState;
  readonly buildBundle: () => Promise<SupportBundle>;
  /** Where to write the bundle (a suggested file name in), or null when the manager cancelled. */
  readonly chooseBundlePath: (suggestedName: string) => Promise<string | null>;
  readonly bundleName: () => string;
  readonly log: { error(message: string, fields?: Record<string, unknown>): void; warn(message: string, fields?: Record<string, unknown>): void };
}

export function policyStatusView(state: PolicyState): PolicyStatusView {
  const p = state.policy;
  return {
    status: state.status,
    path: state.path,
    locked: lockedFields(p),
    managed: p === null ? [] : POLICY_SETTING_NAMES.filter((n) => p.settings[n]?.value !== undefined),
    fleet: {
      posLinkEnabled: p?.settings.posLink?.value?.enabled ?? null,
      language: p?.settings.language?.value ?? null,
      currency: p?.settings.currency?.value ?? null,
    },
    tillIdPattern: p?.tillIdPattern ?? null,
    problem: state.problem,
    appliedAt: state.appliedAt,
    lockedLabel: MANAGED_MESSAGE,
  };
}

export function registerFleetHandlers(registry: HandlerRegistry<InvokeContract>, deps: FleetHandlerDeps): void {
  registry.handle('policyStatus', () => policyStatusView(deps.policy()));
  registry.handle('supportSaveBundle', async () => {
    const target = await deps.chooseBundlePath(deps.bundleName());
    if (target === null) return { saved: false as const };
    const bundle = await deps.buildBundle();
    try {
      writeFileAtomicSync(target, bundle.zip, { mode: 0o600 }); // it holds journal rows: for this user only
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      deps.log.error('Support bundle not written', { code });
      throw new IpcError('SUPPORT_BUNDLE_FAILED', `The support bundle could not be saved there (${code}). Choose another folder.`);
    }
    deps.log.warn('Support bundle saved', { bytes: bundle.zip.byteLength, entries: bundle.entries.length });
    return { saved: true as const, path: target, bytes: fs.statSync(target).size, entries: [...bundle.entries] };
  });
}
