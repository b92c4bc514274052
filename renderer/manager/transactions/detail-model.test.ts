import { describe, expect, it } from 'vitest';
import { resolveReasonProblem } from './detail-model.ts';

describe('resolveReasonProblem', () => {
  it('wants at least 5 characters that are not spaces at the ends', () => {
    expect(resolveReasonProblem('ok')).toMatch(/at least 5/);
    expect(resolveReasonProblem('   abcd   ')).toMatch(/at least 5/);
    expect(resolveReasonProblem('Checked the ledger: not applied, customer paid cash.')).toBeNull();
    expect(resolveReasonProblem('x'.repeat(1001))).toMatch(/at most/);
  });
});
