/** Wording for the keys section: storage backends and key-test outcomes. */
import { defineMessages } from '@formatjs/intl';
import type { KeyTestResult, StorageTier } from '../../../shared/ipc/contract.ts';
import { englishText, type Translator } from '../../../shared/i18n/translator.ts';
import { engineText } from '../../state/outcome.ts';

const M = defineMessages({
  plainTextWarning: {
    id: 'manager.keys.storage.plainTextWarning',
    defaultMessage: 'This computer has no system keyring, so keys can only be stored with a built-in password that is publicly known: anyone who can read this user’s files can recover them. Use a desktop session with a keyring (GNOME Keyring or KWallet) if you can.',
    description: 'Warning under the key storage when only the basic-text backend exists',
  },
  keyringNotReady: { id: 'manager.keys.storage.notReady', defaultMessage: 'The system keyring is not ready yet.', description: 'Warning under the key storage when the keyring is not yet unlocked' },
  basicText: { id: 'manager.keys.backend.basicText', defaultMessage: 'No keyring: a built-in password (not protected)', description: 'Key storage: no OS keyring' },
  unknown: { id: 'manager.keys.backend.unknown', defaultMessage: 'Unknown (not protected)', description: 'Key storage: an unknown backend' },
  accepted: { id: 'manager.keys.test.accepted', defaultMessage: 'Connected: SocialHub accepted the key{http}.', description: 'Key test: accepted; http is " (HTTP 200)" or empty' },
  rejected: {
    id: 'manager.keys.test.rejected',
    defaultMessage: 'SocialHub rejected the key{http}. Check that the whole key was copied, and that it was not revoked.',
    description: 'Key test: rejected; http is " (HTTP 401)" or empty',
  },
  forbidden: { id: 'manager.keys.test.forbidden', defaultMessage: 'The key is valid but lacks a permission this till needs{http}.', description: 'Key test: missing permission' },
  unreachable: { id: 'manager.keys.test.unreachable', defaultMessage: 'SocialHub could not be reached. Check the network and the base URL.', description: 'Key test: no connection' },
  unexpected: { id: 'manager.keys.test.unexpected', defaultMessage: 'SocialHub answered unexpectedly{http}.', description: 'Key test: an unexpected answer' },
});

/** Product names stay as they are; only the two that describe the absence of one are words. */
const BACKEND_NAMES: Readonly<Partial<Record<StorageTier['backend'], string>>> = {
  gnome_libsecret: 'GNOME keyring (libsecret)',
  kwallet: 'KDE Wallet',
  kwallet5: 'KDE Wallet 5',
  kwallet6: 'KDE Wallet 6',
  keychain: 'macOS Keychain',
  dpapi: 'Windows Data Protection (DPAPI)',
};

export function backendLabel(backend: StorageTier['backend'], t: Translator['t'] = englishText): string {
  return BACKEND_NAMES[backend] ?? t(backend === 'basic_text' ? M.basicText : M.unknown);
}

/** A headline per test outcome; main's message follows it. */
export function testHeadline(r: Pick<KeyTestResult, 'outcome' | 'httpStatus'>, t: Translator['t'] = englishText): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  const http = r.httpStatus !== null ? ` (HTTP ${r.httpStatus})` : '';
  switch (r.outcome) {
    case 'accepted':
      return { tone: 'ok', text: t(M.accepted, { http }) };
    case 'rejected':
      return { tone: 'bad', text: t(M.rejected, { http }) };
    case 'forbidden':
      return { tone: 'warn', text: t(M.forbidden, { http }) };
    case 'unreachable':
      return { tone: 'bad', text: t(M.unreachable) };
    case 'unexpected':
      return { tone: 'warn', text: t(M.unexpected, { http }) };
  }
}

/** Main's own sentence for the result, in the till's language (English when the id is unknown). */
export function testDetail(r: Pick<KeyTestResult, 'message' | 'localized'>, translator: Translator): string {
  return engineText(r, translator);
}

/** The storage warning in the till's language (main's `warning` is the English for logs): only whether there is one is read from it. */
export function storageWarning(tier: Pick<StorageTier, 'backend' | 'warning'>, t: Translator['t'] = englishText): string | null {
  if (tier.warning === null) return null;
  return t(tier.backend === 'basic_text' ? M.plainTextWarning : M.keyringNotReady);
}
