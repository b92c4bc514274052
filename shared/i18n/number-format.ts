/**
 * Numbers for people through Intl, one formatter per locale and options (screens format many
 * numbers a render, and making an Intl.NumberFormat is the slow part). `locale` is a BCP 47 tag;
 * left out, the runtime's own locale. Money is shared/money.ts; dates shared/time/date-format.ts.
 */

const cache = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** A whole number with the locale's grouping ("4,950", "4.950"). */
export function formatCount(n: number, locale: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}
