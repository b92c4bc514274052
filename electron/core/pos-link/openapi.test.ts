import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { posLinkOpenApiText } from '../../../shared/pos/openapi.ts';

describe('the committed OpenAPI document', () => {
  it('is exactly what the schemas generate (regenerate docs/pos-link.openapi.json after a schema change)', () => {
    const committed = readFileSync(new URL('../../../docs/pos-link.openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(posLinkOpenApiText());
  });

  it('documents every POS-link path and the bearer scheme', () => {
    const doc = JSON.parse(posLinkOpenApiText()) as { paths: Record<string, unknown>; components: { securitySchemes: Record<string, { scheme: string }> } };
    expect(Object.keys(doc.paths).sort()).toEqual(['/events', '/openapi.json', '/sales/{posTxnId}', '/sales/{posTxnId}/cancel', '/sales/{posTxnId}/returns/{returnId}']);
    expect(doc.components.securitySchemes.posToken?.scheme).toBe('bearer');
  });
});
