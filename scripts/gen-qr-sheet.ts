/**
 * Generates assets/demo-qr-sheet.html: a printable A4 sheet of QR codes (inline SVG) for the
 * sandbox's well-known members and coupons, for QA with a real scanner or a phone screen.
 *
 *   npm run qr-sheet [-- --seed N] [--out path]
 *
 * Output is deterministic: the same seed gives a byte-identical file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { toString as qrToString } from 'qrcode';
import { DEFAULT_SEED, DEMO, balanceOf, buildDemoData, tierFor, type CouponRecord, type MemberRecord } from '../electron/sandbox/demo-data.ts';
import { PORTAL_ORIGIN, couponQrPayload, memberQrPayload } from '../electron/sandbox/qr-payloads.ts';

export interface QrCard {
  title: string;
  id: string;
  payload: string;
  /** What the till should do when this is scanned. */
  expect: string;
}

export interface QrSection {
  heading: string;
  cards: QrCard[];
}

/** Characters a keyboard-wedge scanner commonly mangles (layout, case, punctuation). */
export const SCANNER_TEST_PAYLOAD = 'SOCIALHUB-SCANNER-TEST 0123456789 AaZz -_./:';

export function qrSheetSections(seed: number = DEFAULT_SEED): QrSection[] {
  const data = buildDemoData(seed);
  const members = new Map(data.tenants.demo.members.map((m) => [m.id, m]));
  const member = (id: string): MemberRecord => {
    const found = members.get(id);
    if (!found) throw new Error(`demo member ${id} missing`);
    return found;
  };
  const coupon = (id: string): CouponRecord => {
    const found = data.tenants.demo.members.flatMap((m) => m.coupons).find((c) => c.id === id);
    if (!found) throw new Error(`demo coupon ${id} missing`);
    return found;
  };
  const memberCard = (id: string, extra = ''): QrCard => {
    const m = member(id);
    const balance = balanceOf(m);
    const { tier } = tierFor(balance);
    const status = m.status === 'active' ? '' : ` · status ${m.status}`;
    return { title: m.name, id, payload: memberQrPayload(id), expect: `${tier.name} · ${balance.toLocaleString('en-US')} pts${status}${extra}` };
  };
  const couponCard = (id: string, expect: string): QrCard => {
    const c = coupon(id);
    return { title: c.title, id, payload: couponQrPayload(id), expect: `${c.code} · ${c.status} — ${expect}` };
  };
  const other = data.tenants.other.members.find((m) => m.id === DEMO.otherTenant.memberId);

  return [
    {
      heading: 'Members',
      cards: [
        memberCard(DEMO.memberWithCoupons, ' · 50 pts short of Gold · 2 active coupons'),
        memberCard(DEMO.goldMember, ' · long history (2+ pages)'),
        memberCard(DEMO.platinumMember, ' · top tier'),
        memberCard(DEMO.zeroBalanceMember, ' · any claw-back is refused'),
        memberCard(DEMO.newMember, ' · empty ledger'),
        memberCard(DEMO.inactiveMember),
        memberCard(DEMO.spareCouponMember, ' · 5 spare coupons'),
      ],
    },
    {
      heading: "Ava Chen's coupons",
      cards: [
        couponCard(DEMO.activeCoupons[0], 'redeems once, then "do not honor"'),
        couponCard(DEMO.activeCoupons[1], 'redeems once, then "do not honor"'),
        couponCard(DEMO.redeemedCoupon, 'already used: do not honor'),
        couponCard(DEMO.expiredCoupon, 'expired: do not honor'),
      ],
    },
    {
      heading: "Grace Liu's spare coupons (for repeated redeem tests; reset the sandbox to restore)",
      cards: DEMO.spareCoupons.map((id) => couponCard(id, 'redeems once')),
    },
    {
      heading: 'Should fail',
      cards: [
        { title: `${other?.name ?? 'Member'} (another tenant)`, id: DEMO.otherTenant.memberId, payload: memberQrPayload(DEMO.otherTenant.memberId), expect: 'Member not found: keys never cross tenants' },
        { title: 'Coupon of another tenant', id: DEMO.otherTenant.couponId, payload: couponQrPayload(DEMO.otherTenant.couponId), expect: 'Coupon not found: do not honor' },
        { title: 'Unknown member', id: 'mb_does_not_exist', payload: memberQrPayload('mb_does_not_exist'), expect: 'Member not found' },
        { title: 'Not a SocialHub code', id: '—', payload: 'https://example.com/m/mb_ava_chen', expect: 'Rejected: wrong host' },
      ],
    },
    {
      heading: 'Scanner set-up',
      cards: [{ title: 'Scanner test (not a member)', id: '—', payload: SCANNER_TEST_PAYLOAD, expect: 'The scanner must type exactly the text below' }],
    },
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export async function renderQrSheet(seed: number = DEFAULT_SEED): Promise<string> {
  const sections = await Promise.all(
    qrSheetSections(seed).map(async (section) => {
      const cards = await Promise.all(
        section.cards.map(async (card) => {
          const svg = await qrToString(card.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
          return `      <figure class="card">
        <div class="qr" role="img" aria-label="QR code: ${escapeHtml(card.payload)}">${svg.trim()}</div>
        <figcaption>
          <strong>${escapeHtml(card.title)}</strong>
          <code class="id">${escapeHtml(card.id)}</code>
          <span class="expect">${escapeHtml(card.expect)}</span>
          <code class="payload">${escapeHtml(card.payload)}</code>
        </figcaption>
      </figure>`;
        }),
      );
      return `    <section>
      <h2>${escapeHtml(section.heading)}</h2>
      <div class="grid">
${cards.join('\n')}
      </div>
    </section>`;
    }),
  );
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
  <title>SocialHub Till — demo QR codes</title>
  <style>
    @page { size: A4; margin: 12mm; }
    * { box-sizing: border-box; }
    body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 0 auto; max-width: 186mm; padding: 8mm 0; }
    h1 { font-size: 15pt; margin: 0 0 2mm; }
    h2 { font-size: 11.5pt; margin: 6mm 0 2mm; border-bottom: 0.3mm solid #999; padding-bottom: 1mm; break-after: avoid; }
    p.lede { margin: 0 0 2mm; color: #333; }
    .grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; }
    .card { margin: 0; border: 0.3mm solid #bbb; border-radius: 2mm; padding: 3mm; break-inside: avoid; display: flex; flex-direction: column; align-items: center; text-align: center; }
    .qr { width: 38mm; height: 38mm; }
    .qr svg { width: 100%; height: 100%; display: block; }
    figcaption { display: flex; flex-direction: column; gap: 0.8mm; margin-top: 2mm; width: 100%; }
    code { font: 8pt/1.3 ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
    .id { font-weight: 600; }
    .expect { font-size: 8.5pt; color: #333; }
    .payload { color: #555; }
    footer { margin-top: 6mm; font-size: 8pt; color: #555; }
  </style>
</head>
<body>
  <h1>SocialHub Till — demo QR codes</h1>
  <p class="lede">For the embedded SocialHub sandbox (demo tenant “${escapeHtml(DEMO.tenantName)}”). Scan from paper or a screen. Reset the sandbox to undo redemptions and awards.</p>
${sections.join('\n')}
  <footer>Generated by <code>npm run qr-sheet</code> from sandbox seed ${seed}. Member codes encode <code>${PORTAL_ORIGIN}/m/&lt;memberId&gt;</code>, coupon codes <code>${PORTAL_ORIGIN}/c/&lt;couponId&gt;</code>.</footer>
</body>
</html>
`;
}

async function main(): Promise<void> {
  let seed = DEFAULT_SEED;
  let out = join(import.meta.dirname, '..', 'assets', 'demo-qr-sheet.html');
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { seed: { type: 'string' }, out: { type: 'string' } } });
    if (values.seed !== undefined) {
      if (!/^-?\d{1,15}$/.test(values.seed)) throw new Error(`--seed must be an integer (got "${values.seed}")`);
      seed = Number(values.seed);
    }
    if (values.out !== undefined) out = values.out;
  } catch (err) {
    process.stderr.write(`qr-sheet: ${(err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(2);
  }
  writeFileSync(out, await renderQrSheet(seed));
  process.stderr.write(`qr-sheet: wrote ${out}\n`);
}

if (import.meta.main) await main();
