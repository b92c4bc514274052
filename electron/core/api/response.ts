/**
 * What an HTTP outcome means for the caller: the classification table applied to transport
 * errors and statuses, then JSON + schema validation of a 2xx. A 2xx we cannot read is never a
 * success: for a POST it is `unknown-outcome`, to be reconciled.
 */
import type { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/schemas.ts';
import { classifyStatus, classifyThrown } from './classify.ts';
import type { ApiFailure, ApiResult, FailureClassification, FailureReason, HttpMethod } from './failure.ts';
import type { HttpOutcome } from './http.ts';
import { parseRetryAfter } from './retry-after.ts';
import { describeSchemaError } from './schema-message.ts';

export interface InterpretContext<T> {
  endpoint: string;
  method: HttpMethod;
  schema: z.ZodType<T>;
  timeoutMs: number;
  maxRetryAfterMs: number;
  /** The vendor leaves some success bodies unspecified (redeem): an empty 2xx body then means `{}`. */
  allowEmptyBody?: boolean;
}

export function interpretOutcome<T>(outcome: HttpOutcome, ctx: InterpretContext<T>): ApiResult<T> {
  const fail = (
    reason: FailureReason,
    classification: FailureClassification,
    detail: string,
    extra: Partial<Pick<ApiFailure, 'status' | 'code' | 'retryAfterMs'>> = {},
  ): ApiResult<T> => {
    const maybeApplied = classification === 'unknown-outcome' && ctx.method === 'POST' ? ' (outcome unknown: it may have been applied)' : '';
    return {
      ok: false,
      failure: { classification, reason, ...extra, message: `${ctx.endpoint}: ${detail}${maybeApplied}`, endpoint: ctx.endpoint, latencyMs: outcome.latencyMs },
    };
  };

  if (outcome.kind === 'no-response') {
    const c = classifyThrown(outcome.error, outcome.timedOut, ctx.timeoutMs);
    return fail(c.reason, c.classification, c.detail);
  }

  const { status, headers } = outcome;
  if (status < 200 || status > 299) {
    const { reason, classification } = classifyStatus(status);
    const serverError = outcome.kind === 'response' ? parseErrorBody(outcome.body) : undefined;
    const retryAfterMs =
      status === 429
        ? parseRetryAfter(headers.get('retry-after'), { dateHeader: headers.get('date'), maxMs: ctx.maxRetryAfterMs })
        : undefined;
    const detail = [
      `HTTP ${status}`,
      serverError?.code,
      serverError?.message && `— ${serverError.message}`,
      retryAfterMs !== undefined && `(retry after ${retryAfterMs} ms)`,
    ]
      .filter(Boolean)
      .join(' ');
    return fail(reason, classification, detail, {
      status,
      ...(serverError?.code !== undefined && { code: serverError.code }),
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    });
  }

  // 2xx from here on: the server may have acted, so every failure is unknown-outcome.
  if (outcome.kind === 'body-failed') {
    if (outcome.tooLarge) return fail('malformed-response', 'unknown-outcome', `HTTP ${status} body too large`, { status });
    const c = classifyThrown(outcome.error, outcome.timedOut, ctx.timeoutMs);
    return fail(c.reason, 'unknown-outcome', `HTTP ${status} but the body was cut off: ${c.detail}`, { status });
  }

  const parsed = parseSuccessBody(outcome.body, headers.get('content-type'), ctx.allowEmptyBody ?? false);
  if (!parsed.ok) return fail('malformed-response', 'unknown-outcome', `HTTP ${status} ${parsed.problem}`, { status });
  const checked = ctx.schema.safeParse(parsed.data);
  if (!checked.success) {
    return fail('malformed-response', 'unknown-outcome', describeSchemaError(checked.error, parsed.data), { status });
  }
  return { ok: true, value: checked.data, status, latencyMs: outcome.latencyMs };
}

function parseSuccessBody(
  body: string,
  contentType: string | null,
  allowEmpty: boolean,
): { ok: true; data: unknown } | { ok: false; problem: string } {
  if (body.trim() === '') return allowEmpty ? { ok: true, data: {} } : { ok: false, problem: 'with an empty body' };
  if (!contentType || !/[/+]json\b/i.test(contentType)) {
    return { ok: false, problem: `with content-type ${JSON.stringify(contentType ?? '(none)')}, expected JSON` };
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'with a body that is not valid JSON' };
  }
  // "200 with an error body" is a server bug, not a success, even where our schema is permissive.
  const asError = apiErrorSchema.safeParse(data);
  if (asError.success) return { ok: false, problem: `with an error body (${clean(asError.data.error.code)})` };
  return { ok: true, data };
}

function parseErrorBody(body: string): { code: string; message: string } | undefined {
  try {
    const parsed = apiErrorSchema.safeParse(JSON.parse(body));
    return parsed.success ? { code: clean(parsed.data.error.code), message: clean(parsed.data.error.message) } : undefined;
  } catch {
    return undefined;
  }
}

/** Server text goes into logs and the UI: one short line, no control characters. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
