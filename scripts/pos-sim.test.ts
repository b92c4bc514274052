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

  it('refuses an incomplete command with the usage line', () => {
    expect(() => simCall(['sale', '90871'], {})).toThrow(/usage: pos-sim/);
    expect(() => simCall(['refund'], {})).toThrow(/usage: pos-sim/);
  });
});
