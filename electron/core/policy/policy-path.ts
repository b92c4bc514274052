/**
 * Where the fleet policy lives: the OS's machine-wide configuration folder, which only an
 * administrator can write. `TILL_POLICY` points elsewhere (tests, a pilot till) — but not in a
 * release build, where whoever starts the app could otherwise hand it a policy of their own and
 * lift every lock (as `TILL_DATA_DIR` is ignored there).
 */
import path from 'node:path';

export const POLICY_ENV = 'TILL_POLICY';
export const POLICY_ENV_IGNORED = `${POLICY_ENV} is ignored in a release build: the policy is read from the machine-wide folder only.`;

export function policyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, options: { releaseBuild?: boolean } = {}): string {
  const override = env[POLICY_ENV];
  if (override !== undefined && override !== '' && options.releaseBuild !== true) return path.resolve(override);
  // %ProgramData% is an environment variable too: in a release build it could point at a folder of the user's own.
  const programData = options.releaseBuild === true ? undefined : env.ProgramData;
  if (platform === 'win32') return path.win32.join(programData ?? 'C:\\ProgramData', 'SocialHub Till', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/SocialHub Till/policy.json';
  return '/etc/socialhub-till/policy.json';
}
