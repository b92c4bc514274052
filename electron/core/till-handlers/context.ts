/**
 * What the till's channel implementations need from the app core. Everything is injected so the
 * handlers run the same under Electron, in the web host and in tests.
 */
import type { DayWindow } from '../../../shared/time/business-day.ts';
import type { ReconcileProgress } from '../reconcile/index.ts';
import type { ApiClients } from '../app/api-clients.ts';
import type { OnlineStatus } from '../app/online-status.ts';
import type { JournalSlot } from '../app/journal-slot.ts';
import type { Engine } from '../engine/index.ts';
import type { SettingsService } from '../settings/settings-file.ts';
import type { CardSession } from './card-session.ts';
import type { ScreenRows } from './screen-rows.ts';

export interface TillEvents {
  /** Journal rows changed: the UI refetches what it shows (and the queue size is republished). */
  journalChanged(ids: readonly number[]): void;
  reconcileProgress(progress: ReconcileProgress): void;
}

export interface TillHandlerDeps {
  readonly settings: SettingsService;
  readonly now: () => number;
  readonly journal: JournalSlot;
  readonly clients: ApiClients;
  readonly cards: CardSession;
  /** Rows the cashier's own writes produced: the only ones `journal:detail` shows. */
  readonly screenRows: ScreenRows;
  readonly onlineStatus: OnlineStatus;
  readonly events: TillEvents;
  /** The engine for the current settings; rejects with a typed IpcError when there can be none. */
  readonly engine: () => Promise<Engine>;
  /** Why the engine cannot be built for the current settings (the journal refused its keying), or null. */
  readonly engineRefusal?: () => string | null;
  /** Today's business day as the till keys sales: the running engine's keying, else the journal's. */
  readonly today: () => DayWindow;
  /** Who a manager action is recorded as (the PIN has no names: the till is named instead). */
  readonly managerActor: () => string;
}
