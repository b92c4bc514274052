/**
 * What the update gate needs to know about people at the till: whether a sale is open and when
 * the till was last used. A sale opens when a member's card is shown and closes when a write for
 * that member is recorded, or when the card goes stale (no award can use it without a new scan).
 */
export interface TillActivity {
  cardShown(memberId: string): void;
  /** A journal row as it is now: a write for the open sale's member closes the sale. */
  rowSeen(row: { readonly memberId: string; readonly createdAt: number }): void;
  touched(): void;
  saleOpen(freshnessMinutes: number): boolean;
  lastActivityAt(): number | null;
}

export function createTillActivity(now: () => number): TillActivity {
  let sale: { memberId: string; since: number } | null = null;
  let last: number | null = null;
  return {
    cardShown(memberId) {
      last = now();
      sale = { memberId, since: last };
    },
    rowSeen(row) {
      if (sale !== null && row.memberId === sale.memberId && row.createdAt >= sale.since) {
        sale = null;
        last = now();
      }
    },
    touched() {
      last = now();
    },
    saleOpen(freshnessMinutes) {
      return sale !== null && now() - sale.since <= freshnessMinutes * 60_000;
    },
    lastActivityAt: () => last,
  };
}
