/**
 * The sandbox's control surface under `/__sandbox/`, for tests and QA in another process:
 * reset, faults, full ledgers (ignoring lag), the audit log, rate-limit and lag settings.
 * Guarded by the admin token; API keys are not accepted here.
 */
import { z } from 'zod';
import { ID_PATTERN } from '../../shared/api/schemas.ts';
import type { AuditLog } from './audit-log.ts';
import { DEMO, balanceOf, type TenantId } from './demo-data.ts';
import { faultRuleSchema, type FaultEngine } from './faults.ts';
import { errorReply, type Reply } from './http-util.ts';
import { rateLimitSettingsSchema, type RateLimitSettings } from './rate-limiter.ts';
import type { SandboxStore } from './state.ts';

export const ADMIN_BASE_PATH = '/__sandbox';

export interface AdminDeps {
  store: SandboxStore;
  faults: FaultEngine;
  audit: AuditLog;
  reset(): void;
  getRateLimit(): RateLimitSettings;
  setRateLimit(settings: RateLimitSettings): void;
  getLedgerLag(): number;
  setLedgerLag(ms: number): void;
}

export interface AdminRequest {
  method: string;
  /** Raw segments after `/__sandbox`. */
  segments: string[];
  query: URLSearchParams;
  body: Buffer;
}

const ledgerLagSchema = z.strictObject({ ms: z.int().min(0).max(3_600_000) });
const faultListSchema = z.union([z.array(faultRuleSchema), z.strictObject({ faults: z.array(faultRuleSchema) })]);

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false, reply: errorReply(400, 'invalid_json', 'Request body is not valid JSON') };
  }
}

function withBody<T>(req: AdminRequest, schema: z.ZodType<T>, fn: (value: T) => Reply): Reply {
  const json = parseJson(req.body);
  if (!json.ok) return json.reply;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return errorReply(400, 'invalid_request', z.prettifyError(parsed.error));
  return fn(parsed.data);
}

function faultsReply(deps: AdminDeps): Reply {
  return { status: 200, body: { faults: deps.faults.list() } };
}

type Handler = (deps: AdminDeps, req: AdminRequest, id: string) => Reply;

const ROUTES: { method: string; path: string; handler: Handler }[] = [
  {
    method: 'POST',
    path: 'reset',
    handler: (deps) => {
      deps.reset();
      return { status: 200, body: { ok: true } };
    },
  },
  { method: 'GET', path: 'faults', handler: (deps) => faultsReply(deps) },
  {
    method: 'PUT',
    path: 'faults',
    handler: (deps, req) =>
      withBody(req, faultListSchema, (value) => {
        deps.faults.set(Array.isArray(value) ? value : value.faults);
        return faultsReply(deps);
      }),
  },
  {
    method: 'POST',
    path: 'faults',
    handler: (deps, req) =>
      withBody(req, faultRuleSchema, (rule) => {
        deps.faults.add(rule);
        return faultsReply(deps);
      }),
  },
  {
    method: 'DELETE',
    path: 'faults',
    handler: (deps) => {
      deps.faults.clear();
      return faultsReply(deps);
    },
  },
  {
    method: 'GET',
    path: 'members/:id/ledger',
    handler: (deps, req, id) => {
      const tenantParam = req.query.get('tenant') ?? 'demo';
      if (tenantParam !== 'demo' && tenantParam !== 'other') return errorReply(400, 'invalid_request', 'tenant must be demo or other');
      const tenant: TenantId = tenantParam;
      const member = deps.store.member(tenant, id);
      if (!member) return errorReply(404, 'not_found', `Member ${id} not found in tenant ${tenant}`);
      const transactions = [...member.ledger].reverse().map((t) => ({ ...t }));
      return { status: 200, body: { memberId: member.id, balance: balanceOf(member), transactions, total: transactions.length } };
    },
  },
  {
    method: 'GET',
    path: 'audit',
    handler: (deps, req) => {
      const since = req.query.get('since');
      const keyId = req.query.get('keyId');
      if (since !== null && Number.isNaN(Date.parse(since))) return errorReply(400, 'invalid_request', 'since must be an ISO-8601 date-time');
      const entries = deps.audit.entries({ ...(since !== null ? { since: new Date(since) } : {}), ...(keyId !== null ? { keyId } : {}) });
      return { status: 200, body: { entries } };
    },
  },
  { method: 'GET', path: 'rate-limit', handler: (deps) => ({ status: 200, body: deps.getRateLimit() }) },
  {
    method: 'PUT',
    path: 'rate-limit',
    handler: (deps, req) =>
      withBody(req, rateLimitSettingsSchema, (settings) => {
        deps.setRateLimit(settings);
        return { status: 200, body: deps.getRateLimit() };
      }),
  },
  { method: 'GET', path: 'ledger-lag', handler: (deps) => ({ status: 200, body: { ms: deps.getLedgerLag() } }) },
  {
    method: 'PUT',
    path: 'ledger-lag',
    handler: (deps, req) =>
      withBody(req, ledgerLagSchema, ({ ms }) => {
        deps.setLedgerLag(ms);
        return { status: 200, body: { ms: deps.getLedgerLag() } };
      }),
  },
  { method: 'GET', path: 'fixtures', handler: () => ({ status: 200, body: DEMO }) },
];

export function handleAdmin(deps: AdminDeps, req: AdminRequest): Reply {
  const allow: string[] = [];
  for (const route of ROUTES) {
    const parts = route.path.split('/');
    if (parts.length !== req.segments.length) continue;
    let id = '';
    const same = parts.every((part, i) => {
      const actual = req.segments[i] ?? '';
      if (part !== ':id') return part === actual;
      id = actual;
      return true;
    });
    if (!same) continue;
    if (route.method !== req.method) {
      allow.push(route.method);
      continue;
    }
    if (parts.includes(':id') && !ID_PATTERN.test(id)) return errorReply(404, 'not_found', 'Member not found');
    return route.handler(deps, req, id);
  }
  if (allow.length > 0) return errorReply(405, 'method_not_allowed', `Use ${allow.join(' or ')}`, { Allow: allow.join(', ') });
  return errorReply(404, 'not_found', `No sandbox admin route ${req.method} ${ADMIN_BASE_PATH}/${req.segments.join('/')}`.slice(0, 200));
}
