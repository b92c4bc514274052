/**
 * An in-memory SocialHub for property tests in virtual time: the same ApiResult shapes and
 * classifications the real client produces, with a scripted fault for every call.
 */
import type { ApiFailure, ApiResult } from '../../api/index.ts';
import type { Coupons, LedgerTransaction, PointsPage, PointsResponse, RedeemResponse, Store } from '../../../../shared/api/schemas.ts';
import type { EngineClient } from '../types.ts';

/** How one write call ends. `*-applied` variants change server state before failing. */
export const WRITE_FAULTS = ['ok', 'applyThenDrop', 'refused', 'timeout-applied', 'timeout-lost', '5xx', 'malformed-applied', '429', 'badRetryAfter'] as const;
export type WriteFault = (typeof WRITE_FAULTS)[number];
export const READ_FAULTS = ['ok', '5xx', 'timeout', '429'] as const;
export type ReadFault = (typeof READ_FAULTS)[number];

export interface FakeOptions {
  now: () => number;
  /** Faults for successive write calls; 'ok' once exhausted. */
  writes?: WriteFault[];
  /** Faults for successive read calls; 'ok' once exhausted. */
  reads?: ReadFault[];
  /** Entries younger than this are hidden from reads. */
  lagMs?: number;
}

interface Member {
  ledger: LedgerTransaction[];
  coupons: Map<string, 'active' | 'redeemed' | 'expired'>;
  /** Server time of each redeem, as the coupon list reports it. */
  redeemedAt: Map<string, string>;
}

const fail = (f: Partial<ApiFailure> & Pick<ApiFailure, 'classification' | 'reason'>, endpoint: string): { ok: false; failure: ApiFailure } => ({
  ok: false,
  failure: { message: `${endpoint}: ${f.reason}`, endpoint, latencyMs: 1, ...f },
});

export class FakeSocialHub implements EngineClient {
  readonly members = new Map<string, Member>();
  readonly calls: string[] = [];
  #seq = 0;
  readonly #o: FakeOptions;
  readonly #writes: WriteFault[];
  readonly #reads: ReadFault[];

  constructor(options: FakeOptions) {
    this.#o = options;
    this.#writes = [...(options.writes ?? [])];
    this.#reads = [...(options.reads ?? [])];
  }

  member(id: string, coupons: string[] = []): Member {
    let m = this.members.get(id);
    if (!m) {
      m = { ledger: [], coupons: new Map(coupons.map((c) => [c, 'active'])), redeemedAt: new Map() };
      this.members.set(id, m);
    }
    return m;
  }

  balance(id: string): number {
    return this.members.get(id)?.ledger.at(-1)?.balanceAfter ?? 0;
  }

  /** Every entry, newest first, ignoring lag. */
  ledger(id: string): LedgerTransaction[] {
    return [...(this.members.get(id)?.ledger ?? [])].reverse();
  }

  #write<T>(endpoint: string, apply: () => ApiResult<T>): Promise<ApiResult<T>> {
    const fault = this.#writes.shift() ?? 'ok';
    this.calls.push(`${endpoint} ${fault}`);
    const unknown = (reason: ApiFailure['reason'], status?: number) => fail({ classification: 'unknown-outcome', reason, ...(status && { status }) }, endpoint);
    switch (fault) {
      case 'ok':
        return Promise.resolve(apply());
      case 'applyThenDrop':
        apply();
        return Promise.resolve(unknown('reset'));
      case 'timeout-applied':
        apply();
        return Promise.resolve(unknown('timeout'));
      case 'timeout-lost':
        return Promise.resolve(unknown('timeout'));
      case '5xx':
        return Promise.resolve(unknown('http', 503));
      case 'malformed-applied': {
        const r = apply();
        return Promise.resolve(r.ok ? unknown('malformed-response', 200) : r);
      }
      case 'refused':
        return Promise.resolve(fail({ classification: 'not-applied', reason: 'connection-refused' }, endpoint));
      case '429':
        return Promise.resolve(fail({ classification: 'not-applied', reason: 'rate-limited', status: 429, retryAfterMs: 1000 }, endpoint));
      case 'badRetryAfter':
        return Promise.resolve(fail({ classification: 'not-applied', reason: 'rate-limited', status: 429 }, endpoint));
    }
  }

  #read<T>(endpoint: string, value: () => ApiResult<T>): Promise<ApiResult<T>> {
    const fault = this.#reads.shift() ?? 'ok';
    this.calls.push(`${endpoint} ${fault}`);
    switch (fault) {
      case 'ok':
        return Promise.resolve(value());
      case '5xx':
        return Promise.resolve(fail({ classification: 'unknown-outcome', reason: 'http', status: 503 }, endpoint));
      case 'timeout':
        return Promise.resolve(fail({ classification: 'unknown-outcome', reason: 'timeout' }, endpoint));
      case '429':
        return Promise.resolve(fail({ classification: 'not-applied', reason: 'rate-limited', status: 429, retryAfterMs: 500 }, endpoint));
    }
  }

  postPoints(memberId: string, body: { amount: number; description: string }): Promise<ApiResult<PointsResponse>> {
    return this.#write('POST /members/{id}/points', () => {
      const m = this.members.get(memberId);
      if (!m) return fail({ classification: 'not-applied', reason: 'http', status: 404, code: 'not_found' }, 'POST /members/{id}/points');
      const balance = this.balance(memberId) + body.amount;
      if (balance < 0) return fail({ classification: 'not-applied', reason: 'http', status: 400, code: 'insufficient_balance' }, 'POST /members/{id}/points');
      const t: LedgerTransaction = {
        id: `txn_${++this.#seq}`,
        amount: body.amount,
        description: body.description,
        createdAt: new Date(this.#o.now()).toISOString(),
        balanceAfter: balance,
      };
      m.ledger.push(t);
      return { ok: true, value: { transactionId: t.id, balance }, status: 200, latencyMs: 1 };
    });
  }

  redeemCoupon(couponId: string): Promise<ApiResult<RedeemResponse>> {
    return this.#write('POST /coupons/{id}/redeem', () => {
      for (const m of this.members.values()) {
        if (m.coupons.get(couponId) === 'active') {
          m.coupons.set(couponId, 'redeemed');
          m.redeemedAt.set(couponId, new Date(this.#o.now()).toISOString());
          return { ok: true, value: { id: couponId, status: 'redeemed' }, status: 200, latencyMs: 1 };
        }
      }
      return fail({ classification: 'not-applied', reason: 'http', status: 404, code: 'not_found' }, 'POST /coupons/{id}/redeem');
    });
  }

  getPoints(memberId: string, page: { limit: number; offset: number }): Promise<ApiResult<PointsPage>> {
    return this.#read('GET /members/{id}/points', () => {
      const m = this.members.get(memberId);
      if (!m) return fail({ classification: 'not-applied', reason: 'http', status: 404 }, 'GET /members/{id}/points');
      const cutoff = this.#o.now() - (this.#o.lagMs ?? 0);
      const visible = m.ledger.filter((t) => Date.parse(t.createdAt) <= cutoff).reverse();
      return {
        ok: true,
        value: { memberId, balance: visible[0]?.balanceAfter ?? 0, transactions: visible.slice(page.offset, page.offset + page.limit), total: visible.length },
        status: 200,
        latencyMs: 1,
      };
    });
  }

  getCoupons(memberId: string): Promise<ApiResult<Coupons>> {
    return this.#read('GET /members/{id}/coupons', () => {
      const m = this.members.get(memberId);
      if (!m) return fail({ classification: 'not-applied', reason: 'http', status: 404 }, 'GET /members/{id}/coupons');
      return {
        ok: true,
        value: { coupons: [...m.coupons].map(([id, status]) => ({ id, code: id, title: id, status, expiresAt: null, redeemedAt: m.redeemedAt.get(id) ?? null })) },
        status: 200,
        latencyMs: 1,
      };
    });
  }

  getStore(id: string): Promise<ApiResult<Store>> {
    return Promise.resolve({ ok: true, value: { id, name: id, status: 'active' }, status: 200, latencyMs: 1 });
  }
}
