/**
 * The POS link's OpenAPI 3.1 document, generated from the zod schemas in schemas.ts, so what the
 * till validates and what POS vendors read cannot drift apart. Served at /pos/v1/openapi.json
 * and committed as docs/pos-link.openapi.json (a test keeps the copy equal to this output).
 */
import { z } from 'zod';
import { createDocument } from 'zod-openapi';
import {
  businessDateSchema,
  cancelPostSchema,
  conflictSchema,
  posErrorSchema,
  posIdSchema,
  returnPostSchema,
  returnResultSchema,
  salePutSchema,
  saleStatusSchema,
} from './schemas.ts';

export const POS_API_VERSION = '1.0.0';

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = {
  '400': json(posErrorSchema, 'The body or a parameter is not valid (`bad-request`).'),
  '401': json(posErrorSchema, 'Missing or wrong POS token (`unauthorized`).'),
  '403': json(posErrorSchema, 'A non-loopback Host (`forbidden-host`) or any Origin header (`forbidden-origin`).'),
  '413': json(posErrorSchema, 'The body is over 64 kB (`body-too-large`).'),
  '429': json(posErrorSchema, 'Over the per-token rate limit (`rate-limited`); see Retry-After.'),
  '503': json(posErrorSchema, 'The till cannot take sales right now (`till-not-ready`).'),
};
const txnParam = z.object({ posTxnId: posIdSchema });
const dayParam = businessDateSchema.optional().meta({
  description: "Where transaction ids restart every business day: the day of the sale meant (YYYY-MM-DD). Without it, the newest sale with the id.",
  example: '2026-12-05',
});
const dayQuery = z.object({ businessDate: dayParam });
const returnParams = z.object({ posTxnId: posIdSchema, returnId: posIdSchema.meta({ description: 'Unique per return of the sale.', example: 'R1' }) });

export function posLinkOpenApi(): ReturnType<typeof createDocument> {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'SocialHub Till — POS link',
      version: POS_API_VERSION,
      description:
        'The local API a point-of-sale system uses to hand a sale to the SocialHub Till and read the loyalty outcome back for its receipt. Loopback only (127.0.0.1 and ::1); every request carries `Authorization: Bearer <pos token>` and no Origin header.',
    },
    servers: [{ url: 'http://127.0.0.1:{port}/pos/v1', variables: { port: { default: '8787' } } }],
    security: [{ posToken: [] }],
    components: { securitySchemes: { posToken: { type: 'http', scheme: 'bearer', description: 'The POS token created in Settings → POS link.' } } },
    paths: {
      '/sales/{posTxnId}': {
        put: {
          operationId: 'putSale',
          summary: 'Hand a sale to the till (idempotent).',
          requestParams: { path: txnParam },
          requestBody: { content: { 'application/json': { schema: salePutSchema } } },
          responses: {
            '200': json(saleStatusSchema, 'The same body was sent before: the sale as it stands.'),
            '201': json(saleStatusSchema, 'Accepted and journaled; the till now shows it.'),
            '409': json(conflictSchema, 'This transaction id was already sent with a different body.'),
            ...errors,
          },
        },
        get: {
          operationId: 'getSale',
          summary: "A sale's loyalty status, with receipt lines.",
          requestParams: {
            path: txnParam,
            query: z.object({
              wait: z.coerce.number().int().min(0).max(30).optional().meta({ description: 'Long-poll: wait up to this many seconds for the state to change.' }),
              businessDate: dayParam,
            }),
          },
          responses: { '200': json(saleStatusSchema, 'The sale.'), '404': json(posErrorSchema, 'No such sale.'), ...errors },
        },
      },
      '/sales/{posTxnId}/returns/{returnId}': {
        post: {
          operationId: 'postReturn',
          summary: 'A return: takes back the returned share of the points, capped at what is left.',
          requestParams: { path: returnParams, query: dayQuery },
          requestBody: { content: { 'application/json': { schema: returnPostSchema } } },
          responses: { '200': json(returnResultSchema, 'The points reversed.'), '404': json(posErrorSchema, 'No such sale.'), '409': json(posErrorSchema, 'The sale cannot be returned in its state.'), ...errors },
        },
      },
      '/sales/{posTxnId}/cancel': {
        post: {
          operationId: 'cancelSale',
          summary: 'Void the sale: before the award nothing is sent; after it, a full clawback.',
          requestParams: { path: txnParam, query: dayQuery },
          requestBody: { content: { 'application/json': { schema: cancelPostSchema } } },
          responses: { '200': json(saleStatusSchema, 'The sale, cancelled.'), '404': json(posErrorSchema, 'No such sale.'), ...errors },
        },
      },
      '/events': {
        get: {
          operationId: 'events',
          summary: 'Server-Sent Events: `event: sale` with a SaleStatus each time a sale changes.',
          responses: { '200': { description: 'text/event-stream', content: { 'text/event-stream': { schema: saleStatusSchema } } }, ...errors },
        },
      },
      '/openapi.json': {
        get: { operationId: 'openapi', summary: 'This document.', responses: { '200': { description: 'OpenAPI 3.1 JSON.' } } },
      },
    },
  });
}

/** The committed file's exact text: stable key order from the generator, 2-space indent, trailing newline. */
export function posLinkOpenApiText(): string {
  return `${JSON.stringify(posLinkOpenApi(), null, 2)}\n`;
}
