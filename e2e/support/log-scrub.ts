/**
 * After a flow: the till's log file exists, recorded the flow, and holds none of the secrets the
 * test used (keys, tokens, the manager PIN, the set-up code, POS tokens the manager created) —
 * whole or in part. The `till` fixture runs `expectNoSecretsInLog` after every passing web test;
 * a spec may call `expectLogScrubbed` mid-flow with secrets only it knows (a wrong PIN it typed).
 */
import { readFile } from 'node:fs/promises';
import { expect, type Page, type Response } from '@playwright/test';
import type { Till } from '../fixtures/till.ts';

/** The secrets every till test knows: the sandbox's read key and admin token, and the manager PIN. */
export function knownSecrets(till: Pick<Till, 'sandbox' | 'managerPin'>): string[] {
  return [till.sandbox.readKey, till.sandbox.adminToken, till.managerPin];
}

/** Fails when `text` holds a secret, or the 16 characters after a key's well-known prefix. */
export function expectNoSecrets(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    if (secret === '') continue;
    expect(text.includes(secret), `a secret reached ${where}`).toBe(false);
    // Part of a key is still the key: the token part after the well-known prefix.
    if (secret.length > 16) expect(text.includes(secret.slice(8, 24)), `part of a secret reached ${where}`).toBe(false);
  }
}

export async function expectLogScrubbed(till: Till, extraSecrets: readonly string[] = []): Promise<string> {
  const text = await readFile(till.logFile, 'utf8');
  expect(text.length, `the log ${till.logFile} is empty`).toBeGreaterThan(0);
  expectNoSecrets(text, [...knownSecrets(till), ...extraSecrets], `the log ${till.logFile}`);
  return text;
}

/** The log after a test holds none of `secrets`; a till that wrote no log file has nothing to check. */
export async function expectNoSecretsInLog(logFile: string, secrets: readonly string[]): Promise<void> {
  let text: string;
  try {
    text = await readFile(logFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  expectNoSecrets(text, secrets, `the log ${logFile} after the test`);
}

const TOKEN_CHANNEL = /\/__bridge\/invoke\/pos-link(?::|%3A)token-(?:create|rotate)$/i;

/**
 * The POS tokens the page was given (the manager's create/rotate answers over the web host's
 * bridge): secrets the till must never log, known to the test only this way.
 */
export function watchIssuedTokens(page: Page): () => Promise<string[]> {
  const pending: Promise<string | null>[] = [];
  const read = async (response: Response): Promise<string | null> => {
    try {
      const body = (await response.json()) as { ok?: boolean; value?: { token?: unknown } };
      return body.ok === true && typeof body.value?.token === 'string' ? body.value.token : null;
    } catch {
      return null; // the page closed before the body was read: the token never reached the screen either
    }
  };
  page.on('response', (response) => {
    if (TOKEN_CHANNEL.test(new URL(response.url()).pathname)) pending.push(read(response));
  });
  return async () => (await Promise.all(pending)).filter((t): t is string => t !== null);
}
