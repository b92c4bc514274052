import { describe, expect, it } from 'vitest';
import { simCall } from './pos-sim.ts';

describe('pos-sim command lines', () => {
  it('maps each command to its request', () => {
    expect(simCall(['sale', '90871', '19.99'], {})).toEqual({ method: 'PUT', path: '/pos/v1/sales/90871', body: { total: '19.99', currency: 'USD' } });
    expect(simCall(['return', '90871', 'R1', '5.00'], {})).toEqual({ method: 'POST', path: '/pos/v1/sales/90871/returns/R1', body: { total: '5.00' } });
    expect(simCall(['cancel', '90871'], {})).toEqual({ method: 'POST', path: '/pos/v1/sales/90871/cancel', body: {} });
    expect(simCall(['status', '90871'], { wait: true })).toEqual({ method: 'GET', path: '/pos/v1/sales/90871?wait=10' });
    expect(simCall(['status', '90871'], { wait: '20' })).toEqual({ method: 'GET', path: '/pos/v1/sales/90871?wait=20' });
  });

  it('--business-date names a past day’s sale on status, return and cancel (a query parameter)', () => {
    const d = { businessDate: '2026-12-05' };
    expect(simCall(['status', '90871'], d)).toEqual({ method: 'GET', path: '/pos/v1/sales/90871?businessDate=2026-12-05' });
    expect(simCall(['status', '90871'], { ...d, wait: '20' })).toEqual({ method: 'GET', path: '/pos/v1/sales/90871?wait=20&businessDate=2026-12-05' });
    expect(simCall(['return', '90871', 'R1', '5.00'], d)).toEqual({ method: 'POST', path: '/pos/v1/sales/90871/returns/R1?businessDate=2026-12-05', body: { total: '5.00' } });
    expect(simCall(['cancel', '90871'], d)).toEqual({ method: 'POST', path: '/pos/v1/sales/90871/cancel?businessDate=2026-12-05', body: {} });
    // The sale itself carries its date in the body, not the path.
    expect(simCall(['sale', '90871', '19.99'], d)).toEqual({ method: 'PUT', path: '/pos/v1/sales/90871', body: { total: '19.99', currency: 'USD', businessDate: '2026-12-05' } });
  });

  it('refuses an incomplete command with the usage line', () => {
    expect(() => simCall(['sale', '90871'], {})).toThrow(/usage: pos-sim/);
    expect(() => simCall(['refund'], {})).toThrow(/usage: pos-sim/);
  });
});
