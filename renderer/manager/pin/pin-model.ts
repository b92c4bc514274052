/** The PIN gate's lockout wording. Pure, for tests; `t` is the runtime's translator (English when left out). */
import { englishText } from '../../../shared/i18n/translator.ts';
import { formatTime } from '../../../shared/time/date-format.ts';
import type { Translate } from '../../state/locale-store.ts';
import { PIN_MESSAGES } from '../../state/pin-rules.ts';

/** "4:05" / "0:09" */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function lockoutText(until: number, t: Translate = englishText, locale?: string): string {
  return t(PIN_MESSAGES.lockout, { time: formatTime(until, locale) });
}
