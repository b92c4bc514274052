/**
 * Money: amounts are integer minor units of an ISO 4217 currency, never floats. The number of
 * minor-unit digits is the currency's own, as Intl knows it (JPY 0, EUR 2, KWD 3).
 *
 * - `formatMoney` is for people (the locale's symbol, separators and digits);
 * - `formatMoneyMachine` / `parseMoneyMachine` are for CSV, JSON, ledger and the API (dot decimal,
 *   no grouping, never localized);
 * - `parseMoney` reads what a cashier types the local way and refuses anything that has two
 *   readings. Failures carry a stable `code` (for the message catalogue) and an English message.
 */

/** Until the till has a currency setting, money is what it always was: US dollars, en-US. */
export const DEFAULT_CURRENCY = 'USD';
export const DEFAULT_MONEY_LOCALE = 'en-US';

export type MoneyErrorCode =
  | 'empty'
  | 'not-a-number'
  | 'negative'
  | 'too-many-decimals'
  | 'ambiguous-separator'
  | 'misplaced-separator'
  | 'mixed-separators'
  | 'wrong-currency'
  | 'repeated-sign'
  | 'too-large'
  | 'unknown-currency';

/** `sign`: for `wrong-currency`, the other currency's sign or word as typed ("元", "NT$"), when one was found. */
export type MoneyParseResult = { ok: true; minor: number } | { ok: false; code: MoneyErrorCode; message: string; sign?: string };

export interface MoneyParseOptions {
  currency: string;
  /** BCP 47 locale the cashier types in (required by `parseMoney`); the machine parse ignores it. */
  locale?: string;
  /** What the amount is, for the message ("The sale total must …"). Default "amount". */
  what?: string;
  /** A leading minus is refused unless this is set. */
  allowNegative?: boolean;
}

export interface FormatMoneyOptions {
  /** `symbol` (default): "$19.99"; `none`: the locale's number alone, "19.99". */
  display?: 'symbol' | 'none';
}

const digitsCache = new Map<string, number>();

/** The currency's minor-unit digits (JPY 0, EUR 2, KWD 3). Throws RangeError for a malformed code. */
export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(code, digits);
  }
  return digits;
}

/** Minor units → "-1.50", "1980", "0.005": dot decimal, no grouping, exact for any safe integer. */
export function formatMoneyMachine(minor: number, currency: string): string {
  checkMinor(minor);
  const digits = minorDigits(currency);
  // Sign and magnitude apart, so a negative amount never prints as "-1.-50".
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor));
  if (digits === 0) return `${sign}${abs}`;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

const formatCache = new Map<string, Intl.NumberFormat>();

function cachedFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatCache.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, options);
    formatCache.set(key, f);
  }
  return f;
}

function amountFormat(currency: string, locale: string, display: 'symbol' | 'none'): Intl.NumberFormat {
  const digits = minorDigits(currency);
  return display === 'symbol'
    ? cachedFormat(locale, { style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: digits, maximumFractionDigits: digits })
    : cachedFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Minor units for people: "$1,234.50", "1.234,50 €", "￥1,980", in the locale's own digits. */
// Currency and locale have no defaults: a forgotten one would show a yen or dinar store dollar decimals.
export function formatMoney(minor: number, currency: string, locale: string, options: FormatMoneyOptions = {}): string {
  // The exact decimal string goes to Intl, so no float ever rounds a large amount.
  const exact = formatMoneyMachine(minor, currency) as Intl.StringNumericLiteral;
  return amountFormat(currency, locale, options.display ?? 'symbol').format(exact);
}

/** The amount alone, the local way ("1,234.50", "1.234,50"): for a till with one currency. */
export function formatAmount(minor: number, currency: string, locale: string): string {
  return formatMoney(minor, currency, locale, { display: 'none' });
}

function checkMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`money must be a whole number of minor units (got ${String(minor)})`);
}

// ---------------------------------------------------------------------------------------------
// Parsing

const MACHINE = /^(-?)(\d+)(?:\.(\d*))?$/;

/** "19.99" (or the number 19.99) in `currency` → minor units; the API/POS/CLI form, never localized. */
export function parseMoneyMachine(value: unknown, options: MoneyParseOptions): MoneyParseResult {
  const fail = failure(options);
  const known = currencyOk(options.currency);
  if (known !== null) return fail('unknown-currency', known);
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('not-a-number');
    // The shortest round-trip form is what the caller wrote; 0.1 + 0.2 shows up as too many decimals.
    text = Object.is(value, -0) ? '0' : String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return fail('not-a-number');
  }
  if (text === '') return fail('empty');
  const m = MACHINE.exec(text);
  if (m === null) return fail('not-a-number');
  return toMinor(m[1] === '-', m[2] ?? '', m[3] ?? '', options);
}

interface Marks {
  /** Characters that are a decimal mark in this locale (currency and plain-number formats). */
  decimals: Set<string>;
  /** Characters that are a grouping mark in this locale (after folding spaces and apostrophes). */
  groups: Set<string>;
  /**
   * Group sizes the locale writes, for money in this currency and for plain numbers (they can
   * differ: mr-IN groups AED 3/3 and plain numbers 3/2): the last group and the ones before it.
   */
  groupings: Grouping[];
}

interface LocaleShape {
  /** The marks written with the locale's own digits (ar-KW: ٫ and ٬). */
  native: Marks;
  /**
   * The marks the same locale writes with Latin digits (`-u-nu-latn`; ar-KW: `1,234.500`), for
   * text typed in Latin digits. Equal to `native` where the own digits are Latin.
   */
  latin: Marks;
  /** The locale's own digits → ASCII. */
  digits: Map<string, string>;
  /** Ways the currency is written around an amount (symbol, narrow symbol, code), longest first. */
  symbols: string[];
  /** Other currencies' unit words and signs (UNIT_WORDS), longest first: `港元` is not the store's `元`. */
  foreign: string[];
}

interface Grouping {
  primary: number;
  secondary: number;
}

const shapeCache = new Map<string, LocaleShape>();
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MINUS = /^[-\u2212\u2012\u2013\ufe63\uff0d]/;
const APOSTROPHES = /['\u2019\u02bc\uff07]/g;
const SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;

/** Cashier text as a plain string: compatibility forms folded (fullwidth digits, ￥), no bidi marks. */
function fold(text: string): string {
  return text.normalize('NFKC').replace(BIDI, '').replace(SPACES, ' ').replace(APOSTROPHES, "'");
}

function marksOf(locale: string, currency: string): Marks {
  const parts = (f: Intl.NumberFormat, v: number) => f.formatToParts(v);
  // Large enough to be grouped everywhere (some locales group only from five digits).
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 1 });
  const plain = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 });
  const decimals = new Set<string>();
  const groups = new Set<string>();
  for (const f of [money, plain]) {
    for (const p of parts(f, 1234567.5)) {
      if (p.type === 'decimal') decimals.add(fold(p.value));
      if (p.type === 'group') groups.add(fold(p.value));
    }
  }
  // Swiss and French tills use a space or an apostrophe for thousands, whichever CLDR prefers.
  if (groups.has(' ') || groups.has("'")) {
    groups.add(' ');
    groups.add("'");
  }
  const groupings: Grouping[] = [];
  for (const f of [money, plain]) {
    const sizes = parts(f, 1234567890123)
      .filter((p) => p.type === 'integer')
      .map((p) => p.value.length);
    const primary = sizes.at(-1) ?? 3;
    const secondary = sizes.length > 2 ? (sizes.at(-2) ?? 3) : 3;
    if (!groupings.some((g) => g.primary === primary && g.secondary === secondary)) groupings.push({ primary, secondary });
  }
  return { decimals, groups, groupings };
}

function localeShape(locale: string, currency: string): LocaleShape {
  const key = `${locale}|${currency}`;
  const cached = shapeCache.get(key);
  if (cached) return cached;
  const digitFormat = new Intl.NumberFormat(locale, { useGrouping: false });
  const digits = new Map<string, string>();
  for (let i = 0; i <= 9; i += 1) digits.set(fold(digitFormat.format(i)), String(i));
  const symbols = new Set<string>([currency, ...(UNIT_WORDS[currency] ?? [])]);
  for (const l of [locale, 'en']) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol', 'code'] as const) {
      for (const p of new Intl.NumberFormat(l, { style: 'currency', currency, currencyDisplay }).formatToParts(1)) {
        if (p.type === 'currency') symbols.add(fold(p.value).trim());
      }
    }
  }
  const own = new Set(UNIT_WORDS[currency] ?? []);
  const shape: LocaleShape = {
    native: marksOf(locale, currency),
    latin: marksOf(new Intl.Locale(locale, { numberingSystem: 'latn' }).toString(), currency),
    digits,
    symbols: [...symbols].filter((s) => s !== '').sort((a, b) => b.length - a.length),
    foreign: [...new Set(Object.values(UNIT_WORDS).flat())].filter((w) => !own.has(w)).sort((a, b) => b.length - a.length),
  };
  shapeCache.set(key, shape);
  return shape;
}

/**
 * The text without the currency's symbol or code at its start or end; null when there is none,
 * or when that end is a longer word of another currency (`100港元` in a yuan store is not `100港` + 元).
 */
function stripSymbol(text: string, shape: LocaleShape): string | null {
  const upper = text.toUpperCase();
  const longerForeign = (s: string, at: (w: string) => boolean) => shape.foreign.some((f) => f.length > s.length && at(f.toUpperCase()));
  for (const s of shape.symbols) {
    const S = s.toUpperCase();
    if (upper.startsWith(S)) return longerForeign(s, (f) => upper.startsWith(f)) ? null : text.slice(s.length).trim();
    if (upper.endsWith(S)) return longerForeign(s, (f) => upper.endsWith(f)) ? null : text.slice(0, text.length - s.length).trim();
  }
  return null;
}

const SEPARATOR = /[^0-9]/g;
const CONVENTIONAL = new Set(['.', ',']);

/**
 * What a cashier typed, the local way, in `currency` → minor units. `19,99` and `1.234,50` in
 * de-DE, `¥1,980` in ja-JP, `19.99` in en-US; the currency's symbol or code may come before or
 * after, once. Refused: text with two readings, more decimals than the currency has, separators
 * in the wrong order, digits of two scripts (`1٢3`), anything else.
 *
 * Two readings: the locale's own thousands mark is never taken for a decimal mark. Where it is
 * not in a thousands position (`1,25` in en-US, `1.25` in de-DE) it is a mistyped group (1,250?)
 * or another country's decimal mark, and the cashier is asked to retype. A `.` or `,` that is
 * neither mark in this locale is a decimal mark, unless three digits follow (`1.234` in fr-CH
 * could still be a thousands group). Latin digits are read with the marks the locale writes
 * beside Latin digits: in ar-KW `1,234.500`, so `1.500` is one and a half dinars.
 */
export function parseMoney(value: string, options: MoneyParseOptions & { locale: string }): MoneyParseResult {
  const fail = failure(options);
  const known = currencyOk(options.currency);
  if (known !== null) return fail('unknown-currency', known);
  const currency = options.currency.toUpperCase();
  const shape = localeShape(options.locale, currency);
  const foreign = (rest: string): MoneyParseResult => {
    const sign = otherCurrency(rest, shape, currency);
    return sign === null ? fail('not-a-number') : { ...fail('wrong-currency'), sign };
  };
  let text = fold(value).trim();
  if (text === '') return fail('empty');
  let negative = false;
  let symbol = false;
  // "-$1.50", "$-1.50", "1,50 €" and "-1,50 €" all occur; two rounds cover the orders. A second
  // symbol ("$5$", "$-$5") or a second minus is not an amount.
  for (let round = 0; round < 2; round += 1) {
    const stripped = stripSymbol(text, shape);
    if (stripped !== null) {
      // "¥¥1980", "¥1980円": the currency said twice is a slip, not an amount to guess at.
      if (symbol) return fail('repeated-sign');
      symbol = true;
      text = stripped;
    }
    if (MINUS.test(text)) {
      if (negative) return fail('not-a-number');
      negative = true;
      text = text.slice(1).trim();
    }
  }
  if (stripSymbol(text, shape) !== null) return fail('not-a-number');
  // Latin digits or the locale's own, not both: "1٢3" is a slip, not one hundred and twenty-three.
  const scripts = new Set([...text].filter((ch) => /\p{Nd}/u.test(ch)).map((ch) => (/[0-9]/.test(ch) ? 'latin' : shape.digits.has(ch) ? 'local' : ch)));
  if (scripts.size > 1) return fail('not-a-number');
  text = [...text].map((ch) => shape.digits.get(ch) ?? ch).join('');
  // Latin digits are read with the marks the locale writes beside Latin digits (ar-KW: 1,234.500).
  const marks = scripts.has('local') ? shape.native : shape.latin;
  const isDecimal = (c: string) => marks.decimals.has(c) && !marks.groups.has(c);
  const isGroup = (c: string) => marks.groups.has(c) && !marks.decimals.has(c);
  if (/^[0-9]/.test(text) === false || /[0-9]$/.test(text) === false) {
    // A lone trailing decimal mark ("19.") is still a number; a leading one (",50") is refused,
    // and so is a trailing thousands mark ("19," in en-US: 19,000 cut short?).
    const last = text.slice(-1);
    if (/^[0-9]/.test(text) && text.length > 1 && CONVENTIONAL.has(last) && isGroup(last)) return fail('ambiguous-separator');
    if (/^[0-9]/.test(text) && text.length > 1 && (marks.decimals.has(last) || CONVENTIONAL.has(last))) {
      text = text.slice(0, -1);
    } else {
      return foreign(text);
    }
  }
  if (/\p{Sc}|\p{L}/u.test(text)) return foreign(text);
  const seps = text.match(SEPARATOR) ?? [];
  const kinds = [...new Set(seps)];
  if (kinds.some((k) => !CONVENTIONAL.has(k) && !marks.decimals.has(k) && !marks.groups.has(k))) return fail('not-a-number');
  const digits = minorDigits(currency);
  if (kinds.length === 0) return toMinor(negative, text, '', options);
  const grouped = (integer: string, c: string) => validGrouping(integer.split(c), marks);
  if (kinds.length > 2) return fail('mixed-separators');
  if (kinds.length === 2) {
    const last = seps.at(-1) ?? '';
    const other = kinds.find((k) => k !== last) ?? '';
    const at = text.lastIndexOf(last);
    if (text.indexOf(last) !== at || !isDecimal(last) || !isGroup(other)) return fail('mixed-separators');
    const integer = text.slice(0, at);
    if (!grouped(integer, other)) return fail('misplaced-separator');
    return toMinor(negative, integer.split(other).join(''), text.slice(at + 1), options);
  }
  const c = kinds[0] ?? '';
  const at = text.indexOf(c);
  if (seps.length > 1) {
    if (isDecimal(c) || !grouped(text, c)) return fail('misplaced-separator');
    return toMinor(negative, text.split(c).join(''), '', options);
  }
  const integer = text.slice(0, at);
  const tail = text.slice(at + 1);
  // Three digits after a '.' or ',' read as a thousands group to some and as decimals to others.
  const twoReadings = CONVENTIONAL.has(c) && tail.length === 3;
  if (isDecimal(c)) {
    if (twoReadings && digits < 3) return fail('ambiguous-separator');
    return toMinor(negative, integer, tail, options);
  }
  if (isGroup(c) && grouped(text, c)) {
    if (twoReadings && digits >= 3) return fail('ambiguous-separator');
    return toMinor(negative, integer + tail, '', options);
  }
  // This locale's thousands mark out of place: a mistyped group, or a decimal mark from elsewhere.
  if (isGroup(c) && CONVENTIONAL.has(c)) return fail('ambiguous-separator');
  if (!CONVENTIONAL.has(c)) return fail('misplaced-separator');
  // A '.' or ',' that cannot be this locale's grouping is a decimal mark written the other way.
  if (twoReadings) return fail('ambiguous-separator');
  return toMinor(negative, integer, tail, options);
}

/**
 * How cashiers write a currency besides Intl's symbols: the unit words typed after the amount in
 * Japan and China (`1980円`, `100元`, `人民币100`) and the prefixes for Taiwan and Hong Kong
 * dollars (`NT$`, `HK$`), which Intl shows only in some locales. A word here is the store's own
 * when it is listed under its currency, another currency's otherwise (元 is yuan, never yen).
 */
const UNIT_WORDS: Readonly<Record<string, readonly string[]>> = {
  JPY: ['円', 'JP¥'],
  CNY: ['元', '人民币', '人民幣', 'RMB', 'CN¥'],
  TWD: ['元', '新台币', '新臺幣', '新台幣', 'NT$'],
  HKD: ['元', '港元', '港币', '港幣', 'HK$'],
  KRW: ['원'],
  CHF: ['Fr.'],
};

let isoCodes: Set<string> | null = null;

/** Another currency's sign, unit word or ISO code in the text ("$5" in a euro store, "元" in a yen one), or null. */
function otherCurrency(text: string, shape: LocaleShape, currency: string): string | null {
  const word = shape.foreign.find((w) => text.toUpperCase().includes(w.toUpperCase()));
  if (word !== undefined) return word;
  const sign = /\p{Sc}/u.exec(text);
  if (sign !== null) return sign[0];
  isoCodes ??= new Set(Intl.supportedValuesOf('currency'));
  const codes = isoCodes;
  return (text.match(/[A-Z]{3}/g) ?? []).find((c) => codes.has(c) && c !== currency) ?? null;
}

/** Digit groups as this locale writes them, for money or for plain numbers. */
function validGrouping(groups: string[], marks: Marks): boolean {
  if (groups.length < 2) return false;
  const [first = '', ...rest] = groups;
  const last = rest.pop() ?? '';
  return marks.groupings.some(
    ({ primary, secondary }) =>
      first.length >= 1 && first.length <= (rest.length === 0 ? primary : secondary) && last.length === primary && rest.every((g) => g.length === secondary),
  );
}

function toMinor(negative: boolean, integer: string, fraction: string, options: MoneyParseOptions): MoneyParseResult {
  const fail = failure(options);
  if (!/^\d+$/.test(integer) || !/^\d*$/.test(fraction)) return fail('not-a-number');
  const digits = minorDigits(options.currency);
  if (fraction.length > digits) return fail('too-many-decimals');
  const text = `${integer}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  const minor = Number(text);
  if (text.length > 16 || !Number.isSafeInteger(minor)) return fail('too-large');
  if (negative && minor !== 0 && options.allowNegative !== true) return fail('negative');
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

function currencyOk(currency: string): string | null {
  if (!/^[A-Za-z]{3}$/.test(currency)) return currency;
  try {
    minorDigits(currency);
    return null;
  } catch {
    return currency;
  }
}

function example(currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const minor = digits === 0 ? 1980 : 1999 * 10 ** Math.max(0, digits - 2);
  return formatMoney(digits === 1 ? 199 : minor, currency, locale, { display: 'none' });
}

function failure(options: MoneyParseOptions) {
  const what = options.what ?? 'amount';
  return (code: MoneyErrorCode, detail?: string): MoneyParseResult & { ok: false } => ({ ok: false, code, message: `The ${what} ${moneyErrorText(code, options, detail)}` });
}

/** The English predicate for a code ("must be a plain number like 19.99."); i18n maps codes itself. */
function moneyErrorText(code: MoneyErrorCode, options: MoneyParseOptions, detail?: string): string {
  if (code === 'unknown-currency') return `is in an unknown currency ${JSON.stringify(detail ?? options.currency)}.`;
  const locale = options.locale ?? DEFAULT_MONEY_LOCALE;
  const digits = minorDigits(options.currency);
  const like = example(options.currency, locale);
  switch (code) {
    case 'empty':
      return 'is missing: enter an amount.';
    case 'not-a-number':
      return `must be a plain number like ${like}.`;
    case 'negative':
      return 'must not be negative.';
    case 'too-many-decimals':
      return digits === 0 ? `has no decimals in ${options.currency.toUpperCase()}: enter a whole number like ${like}.` : `may have at most ${digits} decimal places.`;
    case 'ambiguous-separator':
      return `could be read two ways (decimal mark or thousands separator): type it like ${like}.`;
    case 'misplaced-separator':
      return `has a separator in the wrong place: type it like ${like}.`;
    case 'mixed-separators':
      return `mixes decimal and thousands separators the wrong way round: type it like ${like}.`;
    case 'wrong-currency':
      return `must be in ${options.currency.toUpperCase()}: type the amount alone, like ${like}.`;
    case 'repeated-sign':
      return `has the currency sign twice: type it once or not at all, like ${like}.`;
    case 'too-large':
      return 'is too large.';
  }
}
