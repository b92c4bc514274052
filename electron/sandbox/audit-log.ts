/**
 * Every API call, as SocialHub's "API Keys → recent activity" shows it: which key (by id and
 * masked form, never the key itself), method, path, status and latency.
 */
import type { FaultKind } from './faults.ts';

export interface AuditEntry {
  /** ISO-8601 time the request arrived. */
  at: string;
  requestId: string;
  /** Stable key id (`key_demo_write`), or null when the key was missing or unknown. */
  keyId: string | null;
  /** `maskKey()` of whatever bearer token was sent, or null when none was. */
  keyMask: string | null;
  method: string;
  /** Path and query as sent (still percent-encoded). */
  path: string;
  /** HTTP status sent; 0 when the connection was dropped or hung without a reply. */
  status: number;
  latencyMs: number;
  /** Fault kinds that fired for this request, if any. */
  faults?: FaultKind[];
}

export interface AuditFilter {
  /** Entries at or after this instant. */
  since?: Date;
  keyId?: string;
}

/** Oldest entries are dropped past this, so a long QA session cannot grow memory without bound. */
const MAX_ENTRIES = 10_000;

export class AuditLog {
  private items: AuditEntry[] = [];

  record(entry: AuditEntry): void {
    this.items.push(entry);
    if (this.items.length > MAX_ENTRIES) this.items.splice(0, this.items.length - MAX_ENTRIES);
  }

  /** Oldest first. */
  entries(filter: AuditFilter = {}): AuditEntry[] {
    const since = filter.since?.getTime();
    return this.items
      .filter((e) => (since === undefined || Date.parse(e.at) >= since) && (filter.keyId === undefined || e.keyId === filter.keyId))
      .map((e) => ({ ...e, ...(e.faults ? { faults: [...e.faults] } : {}) }));
  }

  clear(): void {
    this.items = [];
  }
}
