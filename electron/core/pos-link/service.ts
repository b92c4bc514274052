/**
 * The POS link's behaviour, transport-free: accept a sale (journaled first), answer its status,
 * wait for it to change, take returns and cancellations through the engine's capped clawback,
 * and let the cashier award it. The HTTP server (server.ts) and the IPC channels
 * (till-channels.ts) are thin doors onto this.
 */
import { TillError } from '../till-error.ts';
import type { CashierWriteOutcome } from '../../../shared/ipc/schemas/till.ts';
import { proportionalClawback } from '../../../shared/earn/earn-rule.ts';
import type { ReturnPost, ReturnResult, SalePut, SaleStatus } from '../../../shared/pos/schemas.ts';
import type { Settings } from '../../../shared/ipc/schemas/settings.ts';
import type { Engine, SaleAward } from '../engine/index.ts';
import type { Journal, PosSaleRow } from '../journal/index.ts';
import type { CardSession } from '../till-handlers/card-session.ts';
import { earnPreview } from '../till-handlers/award-handlers.ts';
import { formatMoneyMachine } from '../../../shared/money.ts';
import { businessDateAt, localTimeZone } from '../../../shared/time/business-day.ts';
import { JournalConflictError } from '../journal/index.ts';
import { PosLinkError } from './errors.ts';
import { bodyDifferences, canonicalBody, earningMinor, minorUnits, returnedAsSold, saleFigures, sameBody } from './sale-body.ts';
import { saleStatus } from './sale-status.ts';

/** The return id a cancellation after the award is journaled under; reserved, so a POS return cannot take it. */
export const CANCEL_RETURN_ID = 'POS-CANCEL';
const WAIT_MAX_MS = 30_000;
const WATCH_RECENT = 50;

export interface PosLinkServiceDeps {
  /** The open journal; throws when writes are stopped. */
  journal(): Journal;
  /** The engine for the current settings; rejects while the till is not set up. */
  engine(): Promise<Engine>;
  settings(): Settings;
  cards: CardSession;
  now(): number;
  /** Journal rows the service changed (the till's journal-changed event). */
  onJournalChange?(ids: number[]): void;
}

export type PutResult = { kind: 'created' | 'same'; sale: SaleStatus };

/** When a sale arrived and who rang it up (the cashier screen's extra lines). */
export interface SaleMeta {
  receivedAt: number;
  cashierId: string | null;
}

/** The sale the cashier screen shows: the POS status plus when it arrived. */
export interface CashierPosSale extends SaleMeta {
  sale: SaleStatus;
}

export interface PosLinkService {
  putSale(posTxnId: string, body: SalePut): Promise<PutResult>;
  /** `saleDate`: that day's sale of the id (ids restarting every business day); else the newest. */
  status(posTxnId: string, saleDate?: string): Promise<SaleStatus | null>;
  /** Resolves with the status once its version differs from `sinceVersion`, or after `ms` with it unchanged. */
  waitForChange(posTxnId: string, sinceVersion: number, ms: number, saleDate?: string): Promise<SaleStatus | null>;
  returnSale(posTxnId: string, returnId: string, body: ReturnPost, saleDate?: string): Promise<ReturnResult>;
  cancel(posTxnId: string, saleDate?: string): Promise<SaleStatus>;
  /** The cashier's award of the sale on screen: same rules as a typed sale (card shown, fresh). */
  award(posTxnId: string, memberId: string): Promise<CashierWriteOutcome>;
  /** The newest sale still open at the till (waiting or on its way), or null. */
  current(): Promise<CashierPosSale | null>;
  /** Every status change (SSE, cashier event). */
  subscribe(listener: (sale: SaleStatus, meta: SaleMeta) => void): () => void;
  /** Journal rows changed (the engine's drainer, another process; `ids` when known): re-derive the sales they touch. */
  journalChanged(ids?: readonly number[]): void;
}

export function createPosLinkService(deps: PosLinkServiceDeps): PosLinkService {
  const listeners = new Set<(sale: SaleStatus, meta: SaleMeta) => void>();
  const lastSeen = new Map<string, number>();
  const watched = new Set<string>();

  const engineOrNull = async (): Promise<Engine | null> => {
    try {
      return await deps.engine();
    } catch {
      return null; // not set up: no award can exist yet
    }
  };
  /** The business date every step of the sale keys by: the one pinned at PUT ('' only on sales stored before pinning). */
  const dateOf = (row: PosSaleRow): string | undefined => (row.saleDate === '' ? undefined : row.saleDate);
  // The status needs the award and its clawbacks only: indexed reads, never the returns screen's coupon walk.
  const summaryOf = async (row: PosSaleRow): Promise<SaleAward | null> => {
    const engine = await engineOrNull();
    return engine === null ? null : engine.saleAward(row.posTxnId, dateOf(row));
  };
  const statusOfRow = async (row: PosSaleRow): Promise<SaleStatus> => saleStatus(row, await summaryOf(row));

  /**
   * How sale ids are keyed and today's business date, as the engine keys awards; before the till
   * is set up (no engine yet), the same from the journal's keying or the settings.
   */
  const saleDay = async (): Promise<{ scope: 'forever' | 'business-day'; date: string }> => {
    const engine = await engineOrNull();
    if (engine !== null) return { scope: engine.txnIdScope(), date: engine.businessDate() };
    const s = deps.settings();
    const k = deps.journal().keying();
    return { scope: k?.idScope ?? s.txnIdScope, date: businessDateAt(deps.now(), k?.dayStart ?? s.businessDayStartsAt, k?.timeZone ?? localTimeZone()) };
  };

  const publish = (sale: SaleStatus, row: PosSaleRow): void => {
    if (lastSeen.get(sale.posTxnId) === sale.version) return;
    lastSeen.set(sale.posTxnId, sale.version);
    watched.add(sale.posTxnId);
    if (watched.size > WATCH_RECENT) {
      const oldest = watched.values().next();
      if (oldest.done !== true) {
        watched.delete(oldest.value);
        lastSeen.delete(oldest.value);
      }
    }
    for (const l of listeners) {
      try {
        l(sale, { receivedAt: row.createdAt, cashierId: row.cashierId });
      } catch {
        // A broken subscriber (a closed stream) must not stop the others.
      }
    }
  };

  const refresh = async (posTxnId: string): Promise<SaleStatus | null> => {
    const row = deps.journal().posSale(posTxnId);
    if (!row) return null;
    const s = await statusOfRow(row);
    publish(s, row);
    return s;
  };

  /** The sale the POS names: that day's where ids restart daily and it gave a date; else the newest with the id. */
  const findRow = async (posTxnId: string, saleDate: string | undefined): Promise<PosSaleRow | undefined> =>
    saleDate === undefined || (await saleDay()).scope === 'forever' ? deps.journal().posSale(posTxnId) : deps.journal().posSale(posTxnId, saleDate);

  /** The status of this very sale (not the newest with its id), re-read and published. */
  const refreshRow = async (stale: PosSaleRow): Promise<SaleStatus> => {
    const row = deps.journal().posSaleById(stale.id) ?? stale;
    const s = await statusOfRow(row);
    publish(s, row);
    return s;
  };

  const requireRow = async (posTxnId: string, saleDate?: string): Promise<PosSaleRow> => {
    const row = await findRow(posTxnId, saleDate);
    if (!row) throw new PosLinkError(404, 'not-found', `Sale ${posTxnId}${saleDate === undefined ? '' : ` of ${saleDate}`} was never sent to this till.`);
    return row;
  };

  /** Open sales still waiting for a member: when the POS moves on they close as no-member (nothing is sent). */
  const waitingSales = async (): Promise<PosSaleRow[]> => {
    const out: PosSaleRow[] = [];
    for (const row of deps.journal().openPosSales()) if ((await statusOfRow(row)).state === 'waiting-for-member') out.push(row);
    return out;
  };

  /** Cancel with an award recorded: a refused award needs nothing back; a confirmed one is taken back in full first. */
  const cancelAwarded = async (engine: Engine, row: PosSaleRow, businessDate: string | undefined): Promise<void> => {
    const state = saleStatus(row, engine.saleAward(row.posTxnId, businessDate)).state;
    if (state === 'pending') {
      throw new PosLinkError(409, 'conflict', `The points for sale ${row.posTxnId} are still being sent; cancel again once the status shows awarded.`);
    }
    if (state === 'awarded') {
      const summary = engine.saleSummary(row.posTxnId, businessDate);
      if (summary.reversible > 0 && !summary.clawbacks.some((c) => c.returnId === CANCEL_RETURN_ID)) {
        const outcome = await engine.clawback({ posTxnId: row.posTxnId, returnId: CANCEL_RETURN_ID, ...(businessDate === undefined ? {} : { businessDate }), mode: 'points', points: summary.reversible });
        if (outcome.row !== null) deps.onJournalChange?.([outcome.row.id]);
      }
    }
    deps.journal().closePosSale(row.id, 'cancelled');
  };

  const service: PosLinkService = {
    async putSale(posTxnId, body) {
      const figures = saleFigures(body);
      const text = canonicalBody(body);
      const day = await saleDay();
      // An undated sale belongs to the business day it arrived on, for good: where ids restart
      // every day, re-deriving "today" later would make it a new, unawarded sale tomorrow.
      // Ids that never repeat name the sale alone: a date added or changed is the same sale, sent differently.
      const anyDate = day.scope === 'forever';
      const j = deps.journal();
      // Ids restart only going forward: with the clock set back past the day this id was last sent,
      // an undated PUT is that sale again (a replay, or a conflict), never a new one to award twice.
      const latest = anyDate || body.businessDate !== undefined ? undefined : j.posSale(posTxnId);
      const saleDate = body.businessDate ?? (latest !== undefined && latest.saleDate > day.date ? latest.saleDate : day.date);
      const isNew = (anyDate ? j.posSale(posTxnId) : j.posSale(posTxnId, saleDate)) === undefined;
      const storeCurrency = deps.settings().currency;
      // Points are earned per unit of the store's currency: a sale in another one would earn the wrong number.
      if (isNew && body.currency !== storeCurrency) {
        throw new PosLinkError(400, 'bad-request', `The sale is in ${body.currency}, but this till's store counts in ${storeCurrency}; nothing was recorded.`);
      }
      // A new sale closes the ones left waiting in its own write; a replay closes nothing.
      const abandoned = isNew ? await waitingSales() : [];
      const { row, created, closed } = j.acceptPosSale(
        { posTxnId, saleDate, body: text, totalMinor: figures.totalMinor, earnBaseMinor: figures.earnBaseMinor, currency: body.currency, cashierId: body.cashierId ?? null },
        abandoned.map((r) => r.id),
        { anyDate },
      );
      if (!created && !sameBody(row.body, text)) {
        const differences = bodyDifferences(row.body, body);
        throw new PosLinkError(409, 'conflict', `Sale ${posTxnId} was already sent with a different body: ${differences.map((d) => d.field).join(', ')} differ. The first body stands.`, {
          extra: { differences },
        });
      }
      const sale = await statusOfRow(row);
      publish(sale, row);
      for (const r of abandoned) if (closed.includes(r.id)) await refresh(r.posTxnId);
      return { kind: created ? 'created' : 'same', sale };
    },

    async status(posTxnId, saleDate) {
      const row = await findRow(posTxnId, saleDate === '' ? undefined : saleDate);
      return row ? statusOfRow(row) : null;
    },

    async waitForChange(posTxnId, sinceVersion, ms, saleDate) {
      const first = await service.status(posTxnId, saleDate);
      if (first === null || first.version !== sinceVersion || ms <= 0) return first;
      watched.add(posTxnId);
      return new Promise<SaleStatus | null>((resolve) => {
        const done = (s: SaleStatus | null): void => {
          clearTimeout(timer);
          unsubscribe();
          resolve(s);
        };
        // A change of another day's sale with this id is not this one's: read the named sale again.
        const unsubscribe = service.subscribe((s) => {
          if (s.posTxnId === posTxnId) void service.status(posTxnId, saleDate).then((now) => now !== null && now.version !== sinceVersion && done(now), () => undefined);
        });
        const timer = setTimeout(() => void service.status(posTxnId, saleDate).then(done, () => done(first)), Math.min(ms, WAIT_MAX_MS));
      });
    },

    async returnSale(posTxnId, returnId, body, saleDate) {
      const row = await requireRow(posTxnId, saleDate);
      const engine = await deps.engine().catch(() => {
        throw new PosLinkError(503, 'till-not-ready', 'The till is not set up for awards yet (store and till id).');
      });
      const businessDate = dateOf(row);
      const before = engine.saleSummary(posTxnId, businessDate);
      const returned = Math.min(body.lines === undefined ? minorUnits(body.total ?? '0', 'returned total', row.currency) : earningMinor(returnedAsSold(body.lines, row.body), row.currency), row.earnBaseMinor);
      const repeat = before.clawbacks.some((c) => c.returnId === returnId);
      if (!repeat) {
        if (before.award === null || !before.found) throw new PosLinkError(409, 'conflict', `Sale ${posTxnId} earned no points at this till, so there is nothing to take back.`);
        if (before.award.state !== 'confirmed' && before.awarded === 0) throw new PosLinkError(409, 'conflict', before.blocker ?? `The points for sale ${posTxnId} are not confirmed yet; send the return again shortly.`);
      }
      if (!repeat && (returned === 0 || before.reversible === 0)) {
        const sale = await statusOfRow(row);
        return { posTxnId, returnId, outcome: 'nothing-to-reverse', pointsReversed: 0, capped: false, receiptLines: sale.receiptLines, sale };
      }
      const outcome = await engine.clawback({ posTxnId, returnId, ...(businessDate === undefined ? {} : { businessDate }), mode: 'proportional', returnedAmountMinor: returned, currency: row.currency });
      if (outcome.row !== null) deps.onJournalChange?.([outcome.row.id]);
      const award = before.award;
      const share = award !== null && award.saleTotal !== null
        ? proportionalClawback({ awardedPoints: award.amount, alreadyClawedBack: 0, saleTotal: formatMoneyMachine(award.saleTotal, row.currency), returnedAmount: formatMoneyMachine(returned, row.currency), rounding: 'floor', currency: row.currency })
        : null;
      const points = Math.abs(outcome.row?.amount ?? 0);
      const sale = await refreshRow(row);
      const result: ReturnResult['outcome'] =
        outcome.status === 'duplicate' ? 'duplicate' : outcome.status === 'confirmed' ? 'reversed' : outcome.status === 'rejected' ? 'nothing-to-reverse' : 'pending';
      const reversedNow = result === 'nothing-to-reverse' ? 0 : points;
      const lines = reversedNow > 0 ? [`Points reversed: ${reversedNow.toLocaleString('en-US')}${result === 'pending' ? ' (pending)' : ''}`] : [];
      return {
        posTxnId,
        returnId,
        outcome: result,
        pointsReversed: reversedNow,
        capped: share !== null && share.ok && reversedNow < share.points,
        receiptLines: lines,
        sale,
      };
    },

    async cancel(posTxnId, saleDate) {
      const j = deps.journal();
      const row = await requireRow(posTxnId, saleDate);
      if (row.status !== 'cancelled') {
        const engine = await engineOrNull();
        if (engine === null) {
          j.closePosSale(row.id, 'cancelled'); // not set up: no award can exist
        } else {
          const businessDate = dateOf(row);
          // The check for an award and the close are one journal write: an award racing this
          // cancel either lands first (and is taken back below) or finds the sale cancelled.
          const first = j.cancelPosSaleUnlessAwarded(row.id, engine.saleAward(posTxnId, businessDate).awardKey);
          if (!first.cancelled && first.awardId !== null) await cancelAwarded(engine, row, businessDate);
        }
      }
      return refreshRow(row);
    },

    async award(posTxnId, memberId) {
      const j = deps.journal();
      const row = j.posSale(posTxnId);
      if (!row) throw new TillError('SALE_NOT_FOUND', `Sale ${posTxnId} did not come from the POS.`);
      if (row.status !== 'open') throw new TillError('INVALID_STATE', `Sale ${posTxnId} is ${row.status === 'cancelled' ? 'cancelled' : 'closed without a member'} at the POS; nothing was awarded.`);
      const settings = deps.settings();
      const card = deps.cards.require(memberId, deps.now(), settings.cardFreshnessMinutes);
      const preview = earnPreview(settings.earnRule, formatMoneyMachine(row.earnBaseMinor, row.currency), card, row.currency);
      if (preview.points === 0) throw new TillError('AMOUNT_INVALID', `This sale earns no points (${preview.explanation}).`);
      const engine = await deps.engine();
      const businessDate = dateOf(row);
      const already = saleStatus(row, engine.saleAward(posTxnId, businessDate));
      if (already.state === 'awarded' || already.state === 'pending') {
        throw new TillError('INVALID_STATE', `Sale ${posTxnId} already has its points (${String(already.points ?? 0)}); nothing more was sent.`);
      }
      j.notePosSaleMember(row.id, { memberId, memberName: card.memberName ?? null });
      let outcome: Awaited<ReturnType<Engine['award']>>;
      try {
        // Recorded only while the sale is still open, in the record's own commit (see cancel).
        outcome = await engine.award({ memberId, posTxnId, points: preview.points, saleTotalMinor: row.earnBaseMinor, posSaleId: row.id, ...(businessDate === undefined ? {} : { businessDate }) });
      } catch (err) {
        if (err instanceof JournalConflictError && err.reason === 'pos-sale-closed') throw new TillError('INVALID_STATE', err.message);
        throw err;
      }
      if (outcome.row !== null) deps.onJournalChange?.([outcome.row.id]);
      await refresh(posTxnId);
      return outcome;
    },

    async current() {
      const row = deps.journal().openPosSales(1).at(-1);
      if (row === undefined) return null;
      const sale = await statusOfRow(row);
      // An awarded sale is finished: it never comes back on screen (after a reload, or the next day).
      return sale.state === 'waiting-for-member' || sale.state === 'pending' ? { sale, receivedAt: row.createdAt, cashierId: row.cashierId } : null;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    journalChanged(ids) {
      const j = deps.journal();
      // Known rows: only the sales they belong to can have changed; otherwise every sale in view.
      const touched = ids === undefined || ids.length === 0 ? null : new Set(ids.map((id) => j.get(id)?.posTxnId ?? null));
      const txns = new Set([...watched, ...j.openPosSales().map((r) => r.posTxnId)]);
      for (const t of txns) if (touched === null || touched.has(t)) void refresh(t).catch(() => undefined);
    },
  };
  return service;
}
