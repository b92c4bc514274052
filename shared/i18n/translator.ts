/**
 * One translator for main, the renderer's stores and its views (`renderer/app/translate.tsx`).
 * Messages missing from a locale fall back to English, never to an id.
 */
import { createIntl, createIntlCache, type IntlShape, type MessageDescriptor } from '@formatjs/intl';
import { dir, messagesOf, SOURCE_LOCALE, SUPPORTED_LOCALES } from './locales.ts';

/** Values a message may take: plain data only, so a descriptor can cross IPC. */
export type MessageValues = Record<string, string | number | Date | null | undefined>;

/** A message to show later, in whatever language is current then (what stores and main emit). */
export interface LocalizedText {
  messageId: string;
  values?: Record<string, string | number>;
}

export interface Translator {
  /** The catalogue the messages come from (`es`, `de`, `zh-CN`, `en`). */
  readonly language: string;
  /**
   * The full BCP 47 tag numbers, money and dates are formatted in (`es-MX`, `de-CH`): what the
   * till was set up for, not cut to the catalogue language.
   */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  readonly intl: IntlShape<string>;
  /** The flat messages (English underneath). */
  readonly messages: Readonly<Record<string, string>>;
  /** Format a message by descriptor (code) or by id alone (a message sent by main); a plain function, safe to pass around. */
  readonly t: (message: MessageDescriptor | string, values?: MessageValues) => string;
  /** Format a `{messageId, values}` sent by main or emitted by a store. */
  text(localized: LocalizedText): string;
  /** Whether the id is known (an id from an older or newer main is shown via its English fallback). */
  has(id: string): boolean;
}

const cache = createIntlCache();
const enMessages = messagesOf(SOURCE_LOCALE);

/** The catalogue's messages for `locale`, English underneath for anything not yet translated. */
export function mergedMessages(locale: string): Record<string, string> {
  return locale === SOURCE_LOCALE ? enMessages : { ...enMessages, ...messagesOf(locale) };
}

/** `formatLocale`: the tag to format numbers, money and dates in; left out, the catalogue language. */
export function createTranslator(locale: string, formatLocale?: string): Translator {
  const effective = SUPPORTED_LOCALES.includes(locale) ? locale : SOURCE_LOCALE;
  const messages = mergedMessages(effective);
  const format = validTag(formatLocale) ?? effective;
  const messageLocale = messageLocaleFor(format, effective);
  const intl = createIntl<string>(
    {
      locale: messageLocale,
      defaultLocale: SOURCE_LOCALE,
      messages,
      // A missing message already falls back to English above; a broken one is caught by the
      // catalogue test. Neither is worth a console line at the counter.
      onError: () => undefined,
    },
    cache,
  );
  const t = (message: MessageDescriptor | string, values?: MessageValues): string => {
    const descriptor = typeof message === 'string' ? { id: message } : message;
    return intl.formatMessage(descriptor, values as Record<string, string | number>);
  };
  return {
    language: effective,
    locale: format,
    dir: dir(effective),
    intl,
    messages,
    t,
    text: (localized) => t(localized.messageId, localized.values),
    has: (id) => id in messages,
  };
}

function validTag(tag: string | undefined): string | null {
  if (tag === undefined) return null;
  try {
    return new Intl.Locale(tag).toString();
  } catch {
    return null;
  }
}

function sameLanguage(a: string, b: string): boolean {
  return new Intl.Locale(a).language === new Intl.Locale(b).language;
}

/**
 * The locale numbers inside sentences are written in. Plural arms follow the catalogue's
 * language, so a region only joins it whole when it is the same language (es + es-MX). Otherwise
 * the catalogue language takes the till's region and digits (English on a fr-CH till is en-CH:
 * 5’678, never 5,678 beside 1 234,50 francs; on ar-KW it counts in the same Arabic-Indic digits
 * as the amounts).
 */
function messageLocaleFor(format: string, catalogue: string): string {
  if (sameLanguage(format, catalogue)) return format;
  try {
    const region = new Intl.Locale(format).maximize().region;
    const numberingSystem = new Intl.NumberFormat(format).resolvedOptions().numberingSystem;
    const tag = new Intl.Locale(new Intl.Locale(catalogue).language, { ...(region !== undefined ? { region } : {}), numberingSystem }).toString();
    return validTag(tag) ?? catalogue;
  } catch {
    return catalogue;
  }
}

let english: Translator | null = null;
/** English text for logs, the CLI and the `message` field that stays alongside `messageId`. */
export function englishText(message: MessageDescriptor | string, values?: MessageValues): string {
  english ??= createTranslator(SOURCE_LOCALE);
  return english.t(message, values);
}

/** A message for people that crosses IPC as `{messageId, values}`, to be shown in the till's language. */
export function localize(message: MessageDescriptor & { id: string }, values?: Record<string, string | number>): LocalizedText {
  return values === undefined ? { messageId: message.id } : { messageId: message.id, values };
}
