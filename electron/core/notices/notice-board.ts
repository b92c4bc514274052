/**
 * Things the manager must be told about that happened without them (a settings file moved aside
 * at startup, …). Kept in memory: each startup re-raises what still applies.
 */
import { randomUUID } from 'node:crypto';

/** `keys-not-sent`: at start, the live keys would not go where the settings point (foreign address, or keys sealed to another one). `keys-cleared`: an address change removed keys. `policy-rejected`: the fleet policy file failed its check. */
export type NoticeKind = 'settings-quarantined' | 'settings-unwritable' | 'keys-unreadable' | 'keys-not-sent' | 'keys-cleared' | 'settings-untrusted' | 'pin-untrusted' | 'trust-unavailable' | 'till-reset' | 'policy-rejected';

export interface Notice {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly at: string;
  readonly message: string;
}

export interface NoticeBoard {
  raise(kind: NoticeKind, message: string, at?: string): Notice;
  list(): Notice[];
  dismiss(id: string): Notice[];
}

export function createNoticeBoard(now: () => Date = () => new Date()): NoticeBoard {
  const notices: Notice[] = [];
  return {
    raise(kind, message, at) {
      const notice: Notice = Object.freeze({ id: randomUUID(), kind, at: at ?? now().toISOString(), message });
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
