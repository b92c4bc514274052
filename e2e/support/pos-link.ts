/**
 * The POS side of the POS-link flows: pairing through the manager console (turn it on, create the
 * token shown once, read the port it listens on), the simulator (scripts/pos-sim.ts) for the
 * POS's own calls, and a raw HTTP client for requests a well-behaved POS never sends (a foreign
 * Host, an Origin header, no token).
 */
import http from 'node:http';
import { expect, type Page } from '@playwright/test';
import { runSim } from '../../scripts/pos-sim.ts';
import type { SaleStatus } from '../../shared/pos/schemas.ts';
import { manager, openManager } from './manager.ts';

export interface PosPairing {
  port: number;
  token: string;
}

/** F9 → PIN → POS link: turn it on, create the token, read it and the port, back to the till. */
export async function pairPos(page: Page, pin: string): Promise<PosPairing> {
  const m = manager(page);
  await openManager(page, pin);
  await page.getByTestId('manager-tab-posLink').click();
  const tab = page.getByTestId('tab-pos-link');
  await expect(tab.getByTestId('pos-link-enabled')).toBeVisible();
  await tab.getByTestId('pos-link-enabled').click();
  await expect(tab.getByTestId('pos-link-enabled')).toBeChecked();
  const listening = tab.getByTestId('pos-link-listening');
  await expect(listening).toHaveAttribute('data-port', /^\d+$/);
  const port = Number(await listening.getAttribute('data-port'));
  await tab.getByTestId('pos-link-create').click();
  const tokenBox = tab.getByTestId('pos-link-new-token');
  await expect(tokenBox).toHaveValue(/\S{16,}/);
  const token = await tokenBox.inputValue();
  await m.close.click();
  await expect(m.console).toBeHidden();
  return { port, token };
}

/** One simulator command (`npm run -s pos-sim -- …`), in-process. */
export async function sim(pos: PosPairing, ...args: string[]): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await runSim([...args, '--port', String(pos.port), '--token', pos.token], {});
  return { status: r.status, body: r.body as Record<string, unknown> };
}

export async function saleStatus(pos: PosPairing, txn: string): Promise<SaleStatus> {
  const r = await sim(pos, 'status', txn);
  expect(r.status).toBe(200);
  return r.body as unknown as SaleStatus;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A request with exactly these headers (fetch would not send a foreign Host). */
export function rawPos(port: number, req: RawRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = req.body === undefined ? undefined : JSON.stringify(req.body);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers: { ...(text === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }), ...req.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown>;
          try {
            body = JSON.parse(raw) as Record<string, unknown>;
          } catch {
            body = { raw };
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    r.on('error', reject);
    r.end(text);
  });
}
