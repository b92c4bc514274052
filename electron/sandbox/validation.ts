/**
 * POST /members/{id}/points body checks: the shared `pointsRequestSchema` rules, with the type
 * errors it would phrase generically ("expected number, received undefined") worded for a developer.
 */
import { pointsRequestSchema, type PointsRequest } from '../../shared/api/schemas.ts';
import { isJsonContentType } from './http-util.ts';

export type BodyCheck<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export function parseJsonObject(contentType: string | undefined, raw: Buffer): BodyCheck<Record<string, unknown>> {
  if (!isJsonContentType(contentType)) {
    return { ok: false, code: 'invalid_content_type', message: `Content-Type must be application/json (got ${contentType === undefined ? 'none' : JSON.stringify(contentType.slice(0, 80))})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, code: 'invalid_json', message: 'Request body is not valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, code: 'invalid_request', message: 'Request body must be a JSON object' };
  }
  return { ok: true, value: parsed as Record<string, unknown> };
}

export function parsePointsRequest(contentType: string | undefined, raw: Buffer): BodyCheck<PointsRequest> {
  const object = parseJsonObject(contentType, raw);
  if (!object.ok) return object;
  const { amount, description } = object.value;
  const invalid = (message: string): BodyCheck<PointsRequest> => ({ ok: false, code: 'invalid_request', message });
  if (amount === undefined) return invalid('amount is required');
  if (typeof amount !== 'number') return invalid('amount must be a number');
  if (description === undefined) return invalid('description is required');
  if (typeof description !== 'string') return invalid('description must be a string');
  const result = pointsRequestSchema.safeParse({ amount, description });
  if (!result.success) {
    return invalid(result.error.issues.map((issue) => issue.message).join('; '));
  }
  return { ok: true, value: result.data };
}
