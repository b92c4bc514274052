/**
 * The SocialHub v2 routes the sandbox serves. Route keys double as fault-rule selectors
 * (`POST /members/:id/points`), so they are spelled exactly like the contract's table.
 */
export const API_BASE_PATH = '/api/v2';

export const ROUTE_KEYS = [
  'GET /stores',
  'GET /stores/:id',
  'GET /members',
  'GET /members/:id',
  'GET /members/:id/points',
  'POST /members/:id/points',
  'GET /members/:id/tier',
  'GET /members/:id/coupons',
  'POST /coupons/:id/redeem',
] as const;

export type RouteKey = (typeof ROUTE_KEYS)[number];
export type Scope = 'read' | 'write';

interface RouteDef {
  key: RouteKey;
  method: string;
  segments: readonly string[];
  scope: Scope;
}

const ROUTES: readonly RouteDef[] = ROUTE_KEYS.map((key) => {
  const [method = '', path = ''] = key.split(' ');
  return { key, method, segments: path.split('/').slice(1), scope: method === 'GET' ? 'read' : 'write' };
});

export type RouteMatch =
  | { kind: 'match'; key: RouteKey; scope: Scope; /** raw (still percent-encoded) path id */ id: string | null }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** `segments` are the raw path segments after the API base, e.g. `['members', 'mb_x', 'points']`. */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  const allow: string[] = [];
  for (const route of ROUTES) {
    if (route.segments.length !== segments.length) continue;
    let id: string | null = null;
    const same = route.segments.every((part, i) => {
      const actual = segments[i] ?? '';
      if (part === ':id') {
        id = actual;
        return actual.length > 0;
      }
      return part === actual;
    });
    if (!same) continue;
    if (route.method === method) return { kind: 'match', key: route.key, scope: route.scope, id };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}
