/**
 * Typed SocialHub v2 client for the main process: one method per endpoint, each returning an
 * ApiResult (never throwing for API outcomes). Inputs are validated before anything is sent;
 * responses are validated with the shared schemas.
 */
import type { z } from 'zod';
import {
  couponsSchema,
  memberSchema,
  membersPageSchema,
  pointsPageSchema,
  pointsRequestSchema,
  pointsResponseSchema,
  redeemResponseSchema,
  storeSchema,
  storesPageSchema,
  tierSchema,
} from '../../../shared/api/schemas.ts';
import type {
  Coupons,
  Member,
  MembersPage,
  PointsPage,
  PointsRequest,
  PointsResponse,
  RedeemResponse,
  Store,
  StoresPage,
  Tier,
} from '../../../shared/api/schemas.ts';
import { maskKey } from '../../../shared/api/key-mask.ts';
import { checkBaseUrl } from './base-url-policy.ts';
import type { ApiCallRecord, ApiResult, HttpMethod } from './failure.ts';
import { rejectedBeforeSend } from './failure.ts';
import type { FetchFn } from './http.ts';
import { MAX_BODY_BYTES_DEFAULT, sendHttp } from './http.ts';
import type { PageParams } from './path.ts';
import { interpretOutcome } from './response.ts';
import { buildPath, checkPage, queryString } from './path.ts';
import { describeSchemaError } from './schema-message.ts';
import { RETRY_AFTER_MAX_MS_DEFAULT } from './retry-after.ts';

export interface SocialHubClientOptions {
  baseUrl: string;
  apiKey: string;
  /**
   * The origin the key is sealed to (key vault). When given, a client whose base URL is on any
   * other origin refuses every call before sending: the last check at the point of sending.
   */
  keyOrigin?: string;
  /** Per request, covering connect, response and body. */
  timeoutMs?: number;
  /** Injected for tests; defaults to the global (undici) fetch. */
  fetch?: FetchFn;
  /** Fired once per attempted call, including those rejected before sending. Must not throw. */
  onCall?: (record: ApiCallRecord) => void;
  /** Clamp for a 429's Retry-After. */
  maxRetryAfterMs?: number;
  maxBodyBytes?: number;
}

export type MemberListParams = PageParams & { status?: string };

export interface SocialHubClient {
  listStores(page: PageParams): Promise<ApiResult<StoresPage>>;
  getStore(id: string): Promise<ApiResult<Store>>;
  listMembers(params: MemberListParams): Promise<ApiResult<MembersPage>>;
  getMember(id: string): Promise<ApiResult<Member>>;
  getPoints(memberId: string, page: PageParams): Promise<ApiResult<PointsPage>>;
  postPoints(memberId: string, body: PointsRequest): Promise<ApiResult<PointsResponse>>;
  getTier(memberId: string): Promise<ApiResult<Tier>>;
  getCoupons(memberId: string): Promise<ApiResult<Coupons>>;
  redeemCoupon(couponId: string): Promise<ApiResult<RedeemResponse>>;
}

export const TIMEOUT_MS_DEFAULT = 8000;

/** Header-safe: a key with spaces or control characters would make fetch throw mid-call. */
const KEY_PATTERN = /^[\x21-\x7e]{1,512}$/;
const STATUS_PATTERN = /^[a-z_]{1,32}$/;

interface CallSpec<T> {
  method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/members/{id}/points`. */
  template: string;
  ids?: Record<string, unknown>;
  query?: Record<string, string | number | undefined>;
  /** A pre-send problem with the caller's input (pagination, body). */
  inputProblem?: string;
  body?: unknown;
  schema: z.ZodType<T>;
  allowEmptyBody?: boolean;
}

export function createSocialHubClient(options: SocialHubClientOptions): SocialHubClient {
  const { apiKey, timeoutMs = TIMEOUT_MS_DEFAULT, onCall } = options;
  // A programmer error, not an API outcome: a NaN timer would abort every call at once.
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be a positive number (got ${timeoutMs})`);
  const fetchFn = options.fetch ?? globalThis.fetch;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? RETRY_AFTER_MAX_MS_DEFAULT;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES_DEFAULT;
  const checked = checkBaseUrl(options.baseUrl);
  const base =
    checked.ok && options.keyOrigin !== undefined && new URL(checked.url).origin !== options.keyOrigin
      ? ({ ok: false, message: `the key belongs to ${options.keyOrigin} and is not sent to ${new URL(checked.url).origin}` } as const)
      : checked;
  const keyOk = typeof apiKey === 'string' && KEY_PATTERN.test(apiKey);
  const keyMask = keyOk ? maskKey(apiKey) : '(invalid key)';

  // Belt and braces: whatever a server or error echoes back, the key never leaves in a message.
  const scrub = (text: string): string => (keyOk ? text.split(apiKey).join(keyMask) : text);

  const record = (r: Omit<ApiCallRecord, 'keyMask'>): void => {
    try {
      onCall?.({ ...r, keyMask });
    } catch {
      // An observer's bug must not turn into an API outcome.
    }
  };

  async function call<T>(spec: CallSpec<T>): Promise<ApiResult<T>> {
    const endpoint = `${spec.method} ${spec.template}`;
    const at = new Date().toISOString();
    const finish = (result: ApiResult<T>, path: string): ApiResult<T> => {
      if (!result.ok) result.failure.message = scrub(result.failure.message);
      record({
        at,
        method: spec.method,
        path,
        endpoint,
        ...(result.ok ? { status: result.status } : result.failure.status !== undefined && { status: result.failure.status }),
        latencyMs: result.ok ? result.latencyMs : result.failure.latencyMs,
        outcome: result.ok ? 'ok' : result.failure.reason,
      });
      return result;
    };

    // Rejected calls are logged with the template path: a hostile id never reaches the activity view.
    if (!base.ok) return finish(rejectedBeforeSend(endpoint, 'insecure-base-url', base.message), spec.template);
    if (!keyOk) return finish(rejectedBeforeSend(endpoint, 'invalid-input', 'API key is missing or malformed'), spec.template);
    const built = buildPath(spec.template, spec.ids ?? {});
    if (!built.ok) return finish(rejectedBeforeSend(endpoint, 'invalid-input', built.message), spec.template);
    if (spec.inputProblem !== undefined) return finish(rejectedBeforeSend(endpoint, 'invalid-input', spec.inputProblem), spec.template);

    const path = built.path + queryString(spec.query ?? {});
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    const outcome = await sendHttp({
      fetch: fetchFn,
      method: spec.method,
      url: base.url + path,
      headers,
      ...(spec.body !== undefined && { body: JSON.stringify(spec.body) }),
      timeoutMs,
      maxBodyBytes,
    });
    const result = interpretOutcome(outcome, {
      endpoint,
      method: spec.method,
      schema: spec.schema,
      timeoutMs,
      maxRetryAfterMs,
      ...(spec.allowEmptyBody !== undefined && { allowEmptyBody: spec.allowEmptyBody }),
    });
    return finish(result, path);
  }

  const pageQuery = (page: PageParams): { inputProblem?: string; query: Record<string, number> } => {
    const problem = checkPage(page);
    return { ...(problem !== undefined && { inputProblem: problem }), query: { limit: page.limit, offset: page.offset } };
  };

  return {
    listStores: (page) => call({ method: 'GET', template: '/stores', ...pageQuery(page), schema: storesPageSchema }),
    getStore: (id) => call({ method: 'GET', template: '/stores/{id}', ids: { id }, schema: storeSchema }),
    listMembers: ({ status, ...page }) => {
      const { inputProblem, query } = pageQuery(page);
      const statusProblem =
        status !== undefined && !STATUS_PATTERN.test(status) ? `invalid status filter ${JSON.stringify(status)}` : undefined;
      const problem = statusProblem ?? inputProblem;
      return call({
        method: 'GET',
        template: '/members',
        query: { status, ...query },
        ...(problem !== undefined && { inputProblem: problem }),
        schema: membersPageSchema,
      });
    },
    getMember: (id) => call({ method: 'GET', template: '/members/{id}', ids: { id }, schema: memberSchema }),
    getPoints: (memberId, page) =>
      call({ method: 'GET', template: '/members/{id}/points', ids: { id: memberId }, ...pageQuery(page), schema: pointsPageSchema }),
    postPoints: (memberId, body) => {
      const parsed = pointsRequestSchema.safeParse(body);
      return call({
        method: 'POST',
        template: '/members/{id}/points',
        ids: { id: memberId },
        ...(parsed.success
          ? { body: parsed.data }
          : { inputProblem: `invalid request: ${describeSchemaError(parsed.error, body, 'request')}` }),
        schema: pointsResponseSchema,
      });
    },
    getTier: (memberId) => call({ method: 'GET', template: '/members/{id}/tier', ids: { id: memberId }, schema: tierSchema }),
    getCoupons: (memberId) => call({ method: 'GET', template: '/members/{id}/coupons', ids: { id: memberId }, schema: couponsSchema }),
    redeemCoupon: (couponId) =>
      call({
        method: 'POST',
        template: '/coupons/{id}/redeem',
        ids: { id: couponId },
        body: {},
        schema: redeemResponseSchema,
        allowEmptyBody: true,
      }),
  };
}
