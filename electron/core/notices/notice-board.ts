/**
 * Things the manager must be told about that happened without them (a settings file moved aside
 * at startup, …). Kept in memory: each startup re-raises what still applies.
 */
import { randomUUID } from 'node:crypto';
import { defineMessages } from '@formatjs/intl';
import { localize, type LocalizedText } from '../../../shared/i18n/translator.ts';

/** `keys-not-sent`: at start, the live keys would not go where the settings point (foreign address, or keys sealed to another one). `keys-cleared`: an address change removed keys. `policy-rejected`: the fleet policy file failed its check. `till-id-off-pattern`: the stored till id does not match the policy's till id pattern. */
export type NoticeKind = 'settings-quarantined' | 'settings-unwritable' | 'keys-unreadable' | 'keys-not-sent' | 'keys-cleared' | 'settings-untrusted' | 'pin-untrusted' | 'trust-unavailable' | 'till-reset' | 'policy-rejected' | 'till-id-off-pattern';

export interface Notice {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly at: string;
  /** English, for logs and the CLI. */
  readonly message: string;
  /** For the manager's screen, in the till's language: the kind's sentence unless a more specific one was given. */
  readonly localized: LocalizedText;
}

/**
 * One sentence per kind, so every notice reaches the manager in the till's language; the English
 * `message` may name more (a file name, a server's words) and stays in the logs.
 */
export const NOTICE_MESSAGES = defineMessages({
  'settings-quarantined': {
    id: 'notice.settingsQuarantined',
    defaultMessage: 'The settings file could not be used. It was set aside and the till started with default settings. Review the settings.',
    description: 'Manager notice: the settings file was damaged and moved aside',
  },
  'settings-unwritable': {
    id: 'notice.settingsUnwritable',
    defaultMessage: 'The settings file could not be opened or replaced, so the till runs on default settings that will not be saved. Check the disk and the data folder permissions.',
    description: 'Manager notice: the settings cannot be saved',
  },
  'keys-unreadable': { id: 'notice.keysUnreadable', defaultMessage: 'The stored keys could not be read. Set the keys again.', description: 'Manager notice: the key file is damaged' },
  'keys-not-sent': {
    id: 'notice.keysNotSent',
    defaultMessage: 'The live keys are not sent: they do not belong to the API address in the settings. Check the API address and the keys.',
    description: 'Manager notice: keys bound to another address, or an address keys may not go to',
  },
  'keys-cleared': {
    id: 'notice.keysCleared',
    defaultMessage: 'The API address changed to {toOrigin}, so the keys for the old address were removed. Set the keys for the new address.',
    description: 'Manager notice: changing the API address removed keys; {toOrigin} is the new address',
  },
  'settings-untrusted': {
    id: 'notice.settingsUntrusted',
    defaultMessage:
      'The mode, API address or store in the settings file were changed outside the till. The till runs in sandbox mode with no store and will not use the stored keys until a manager sets the mode, API address and store again under Settings.',
    description: 'Manager notice: the settings seal does not match',
  },
  'pin-untrusted': {
    id: 'notice.pinUntrusted',
    defaultMessage:
      '{problem, select, missing {The manager PIN record was missing at start although this till holds keys or settings,} other {The manager PIN record was damaged or altered outside the till,}} so the manager functions were locked until the PIN was set again.',
    description: 'Manager notice: the PIN record could not be trusted',
  },
  'trust-unavailable': {
    id: 'notice.trustUnavailable',
    defaultMessage: 'The manager PIN and settings cannot be protected on this computer right now.',
    description: 'Manager notice: no OS protection for the PIN and settings',
  },
  'till-reset': {
    id: 'notice.tillReset',
    defaultMessage: 'The keys and settings were cleared at the till because the manager PIN could not be trusted. Set the mode, store and keys again.',
    description: 'Manager notice: the till was reset',
  },
  'policy-rejected': {
    id: 'notice.policyRejected',
    defaultMessage:
      'The fleet policy file was not applied: {field} is not valid. {keeping, select, own {The till keeps its own settings.} other {The till keeps the last policy that passed.}} Ask IT to correct the file.',
    description: 'Manager notice: the fleet policy file failed its check; {field} names the setting',
  },
  'till-id-off-pattern': {
    id: 'notice.tillIdOffPattern',
    defaultMessage: 'The till id {tillId} does not match the pattern {pattern} your organisation requires. Set a till id that matches under Settings → Store and till.',
    description: 'Manager notice: the stored till id fails the fleet policy pattern; {tillId} is the id, {pattern} the regular expression',
  },
} satisfies Record<NoticeKind, { id: string; defaultMessage: string; description: string }>);

export interface NoticeBoard {
  raise(kind: NoticeKind, message: string, at?: string, values?: Record<string, string | number>): Notice;
  list(): Notice[];
  dismiss(id: string): Notice[];
}

export function createNoticeBoard(now: () => Date = () => new Date()): NoticeBoard {
  const notices: Notice[] = [];
  return {
    raise(kind, message, at, values) {
      const notice: Notice = Object.freeze({ id: randomUUID(), kind, at: at ?? now().toISOString(), message, localized: localize(NOTICE_MESSAGES[kind], values) });
      notices.push(notice);
      return notice;
    },
    list: () => [...notices],
    dismiss(id) {
      const i = notices.findIndex((n) => n.id === id);
      if (i >= 0) notices.splice(i, 1);
      return [...notices];
    },
  };
}
