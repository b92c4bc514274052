/**
 * Where the fleet policy lives: the OS's machine-wide configuration folder, which only an
 * administrator can write. `TILL_POLICY` points elsewhere (tests, a pilot till).
 */
import path from 'node:path';

export const POLICY_ENV = 'TILL_POLICY';

export function policyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  const override = env[POLICY_ENV];
  if (override !== undefined && override !== '') return path.resolve(override);
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'SocialHub Till', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/SocialHub Till/policy.json';
  return '/etc/socialhub-till/policy.json';
}
