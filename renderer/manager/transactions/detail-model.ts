/** The detail drawer's rules and wording, kept pure for tests. */

export const RESOLVE_MIN = 5;
export const RESOLVE_MAX = 1000;

/** What to say when a reason is too short, or null when it will do. */
export function resolveReasonProblem(reason: string): string | null {
  const n = reason.trim().length;
  if (n < RESOLVE_MIN) return `Write a reason of at least ${RESOLVE_MIN} characters (what was checked, what was done).`;
  if (n > RESOLVE_MAX) return `The reason is at most ${RESOLVE_MAX} characters.`;
  return null;
}
