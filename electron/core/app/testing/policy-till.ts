/**
 * A till kit under a fleet policy file in its own temp folder, for tests of what a policy does to
 * the running app (managed settings, the support bundle). `policyTills()` registers the clean-up:
 * after every test each till it opened is closed, its policy source stopped and its folder removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openPolicySource } from '../../policy/policy-source.ts';
import type { PolicySource, PolicySourceOptions } from '../../policy/policy-source.ts';
import { createTillKit } from './till-kit.ts';
import type { TillKit, TillKitOptions } from './till-kit.ts';

export interface PolicyTill {
  kit: TillKit;
  source: PolicySource;
  /** The temp folder holding the policy file (and whatever the kit options put there). */
  dir: string;
  /** The policy file: rewrite it to change the policy under a watching source. */
  file: string;
}

export interface PolicyTillOptions {
  /** What `policy.json` holds (written as JSON). */
  policy: unknown;
  /** How the source watches the file (default: it does not; pass e.g. `{ debounceMs: 20 }` to follow changes). */
  source?: Pick<PolicySourceOptions, 'debounceMs' | 'pollMs' | 'watch'>;
  /** The kit's options, given the temp folder (the policy source is added). */
  kit?: (dir: string) => Omit<TillKitOptions, 'policy'>;
  /**
   * A launch before the policy arrives: a till with these options starts under an empty policy,
   * `then` runs on it, it closes, and only then is `policy` written and read. Share its `dataDir`
   * (and `crypto`) with `kit` for the till returned to be the same till started again.
   */
  firstLaunch?: { kit: (dir: string) => Omit<TillKitOptions, 'policy'>; then?: (first: TillKit) => Promise<void> | void };
}

/** Returns an opener of policy tills for this test file; each is torn down after the test that opened it. */
export function policyTills(): (options: PolicyTillOptions) => Promise<PolicyTill> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return async ({ policy, source: watching = { watch: false }, kit: kitOptions, firstLaunch }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-policy-'));
    cleanups.push(() => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })));
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, JSON.stringify(firstLaunch === undefined ? policy : { settings: {} }));
    const source = openPolicySource({ path: file, releaseBuild: false, ...watching });
    cleanups.push(() => Promise.resolve(source.close()));
    if (firstLaunch !== undefined) {
      const first = await createTillKit({ ...firstLaunch.kit(dir), policy: source });
      try {
        await firstLaunch.then?.(first);
      } finally {
        await first.close();
      }
      fs.writeFileSync(file, JSON.stringify(policy));
      const read = source.reload();
      if (read.status !== 'applied') throw new Error(`policy not applied: ${JSON.stringify(read)}`);
    }
    const kit = await createTillKit({ ...kitOptions?.(dir), policy: source });
    cleanups.push(() => kit.close());
    return { kit, source, dir, file };
  };
}
