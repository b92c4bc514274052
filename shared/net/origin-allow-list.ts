/**
 * The shape of an origin allow-list (which hosts a live till may send its keys to), shared so the
 * fleet policy schema (shared/policy) checks it with the same rule main enforces
 * (electron/core/api/origin-allow-list.ts). No Node imports.
 */
import { z } from 'zod';

/** `*.example.com` (any subdomain, not the apex) or `api.example.com` (exactly that host). */
const HOST_PATTERN = /^(\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const originAllowListSchema = z.array(z.string().max(253).regex(HOST_PATTERN, 'must be a host name or *.domain')).min(1).max(32).readonly();
export type OriginAllowList = z.output<typeof originAllowListSchema>;

export const DEFAULT_ORIGIN_ALLOW_LIST: OriginAllowList = Object.freeze(['*.socialhub.ai']);
