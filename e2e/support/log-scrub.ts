/**
 * After a flow: the till's log file exists, recorded the flow, and holds none of the secrets the
 * test used (keys, tokens, the manager PIN) — whole or in part. Usable by any spec.
 */
import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import type { Till } from '../fixtures/till.ts';

/** The secrets every till test knows: the sandbox's read key and admin token, and the manager PIN. */
export function knownSecrets(till: Till): string[] {
  return [till.sandbox.readKey, till.sandbox.adminToken, till.managerPin];
}

export async function expectLogScrubbed(till: Till, extraSecrets: readonly string[] = []): Promise<string> {
  const text = await readFile(till.logFile, 'utf8');
  expect(text.length, `the log ${till.logFile} is empty`).toBeGreaterThan(0);
  for (const secret of [...knownSecrets(till), ...extraSecrets]) {
    expect(text, 'a secret reached the log').not.toContain(secret);
    // Part of a key is still the key: the token part after the well-known prefix.
    if (secret.length > 16) expect(text, 'part of a secret reached the log').not.toContain(secret.slice(8, 24));
  }
  return text;
}
