/** The PIN gate's lockout wording. Pure, for tests; `t` is the runtime's translator. */
import { formatTime } from '../../../shared/time/date-format.ts';
import type { Translate } from '../../state/locale-store.ts';
import { PIN_MESSAGES } from '../../state/pin-rules.ts';

export function lockoutText(until: number, t: Translate, locale: string): string {
  return t(PIN_MESSAGES.lockout, { time: formatTime(until, locale) });
}
