/** Wording for the keys section: storage backends and key-test outcomes. */
import type { KeyTestResult, StorageTier } from '../../../shared/ipc/contract.ts';

export const BACKEND_LABELS: Readonly<Record<StorageTier['backend'], string>> = {
  gnome_libsecret: 'GNOME keyring (libsecret)',
  kwallet: 'KDE Wallet',
  kwallet5: 'KDE Wallet 5',
  kwallet6: 'KDE Wallet 6',
  keychain: 'macOS Keychain',
  dpapi: 'Windows Data Protection (DPAPI)',
  basic_text: 'No keyring: a built-in password (not protected)',
  unknown: 'Unknown (not protected)',
};

/** A headline per test outcome; main's message follows it. */
export function testHeadline(r: Pick<KeyTestResult, 'outcome' | 'httpStatus'>): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  const http = r.httpStatus !== null ? ` (HTTP ${r.httpStatus})` : '';
  switch (r.outcome) {
    case 'accepted':
      return { tone: 'ok', text: `Connected: SocialHub accepted the key${http}.` };
    case 'rejected':
      return { tone: 'bad', text: `SocialHub rejected the key${http}. Check that the whole key was copied, and that it was not revoked.` };
    case 'forbidden':
      return { tone: 'warn', text: `The key is valid but lacks a permission this till needs${http}.` };
    case 'unreachable':
      return { tone: 'bad', text: 'SocialHub could not be reached. Check the network and the base URL.' };
    case 'unexpected':
      return { tone: 'warn', text: `SocialHub answered unexpectedly${http}.` };
  }
}
