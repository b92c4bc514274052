import { describe, expect, it } from 'vitest';
import { pointsPageSchema, storeSchema } from '../../../shared/api/schemas.ts';
import { describeSchemaError, formatPath } from './schema-message.ts';

const message = (schema: typeof pointsPageSchema | typeof storeSchema, data: unknown): string => {
  const result = schema.safeParse(data);
  if (result.success) throw new Error('expected a schema failure');
  return describeSchemaError(result.error, data);
};

describe('describeSchemaError', () => {
  const page = {
    memberId: 'm_1',
    balance: 10,
    total: 1,
    transactions: [{ id: 't1', amount: '5', description: 'x', createdAt: '2025-01-01T00:00:00Z', balanceAfter: 10 }],
  };

  it('names the field path and the expected/actual types', () => {
    expect(message(pointsPageSchema, page)).toBe('response field "transactions[0].amount" expected number, got string');
  });

  it('says when a field is missing', () => {
    expect(message(storeSchema, { id: 'st_1', status: 'active' })).toBe('response field "name" is missing (expected string)');
  });

  it('describes a wrong root type and counts further problems', () => {
    expect(message(storeSchema, [])).toBe('response body expected object, got array');
    expect(message(storeSchema, {})).toMatch(/^response field "id" is missing \(expected string\) \(and 2 more problems\)$/);
  });

  it('passes refinement messages through', () => {
    expect(message(storeSchema, { id: '../x', name: 'n', status: 's' })).toMatch(/^response field "id" invalid: must be 1–64 characters/);
  });

  it('formats paths', () => {
    expect(formatPath(['a', 0, 'b', 12])).toBe('a[0].b[12]');
    expect(formatPath([0])).toBe('[0]');
  });
});
