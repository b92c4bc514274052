/**
 * Whether a settings change would re-key a journal that already holds sales: the store, the day
 * start and the id scope are part of every sale's key, so the journal refuses an engine claiming others
 * (journal keying.ts) and the till could not sell. The save is refused instead, naming the
 * journal's value.
 */
import type { Journal } from '../journal/index.ts';
import type { SettledKeying } from '../ipc/foundation-handlers.ts';
import type { Settings, SettingsPatch } from '../settings/settings-schema.ts';

export function settledKeying(journal: Journal | null, patch: SettingsPatch, current: Settings): SettledKeying | null {
  if (journal === null) return null;
  const dayStart = patch.businessDayStartsAt !== undefined && patch.businessDayStartsAt !== current.businessDayStartsAt ? patch.businessDayStartsAt : undefined;
  const idScope = patch.txnIdScope !== undefined && patch.txnIdScope !== current.txnIdScope ? patch.txnIdScope : undefined;
  // Clearing the store names no other store: the till simply stops selling until one is set.
  const storeId = typeof patch.storeId === 'string' && patch.storeId !== current.storeId ? patch.storeId : undefined;
  if (dayStart === undefined && idScope === undefined && storeId === undefined) return null;
  let keying;
  try {
    const claim = { ...(dayStart !== undefined && { dayStart }), ...(idScope !== undefined && { idScope }), ...(storeId !== undefined && { storeId }) };
    if (journal.keyingRefusal(claim) === null) return null;
    keying = journal.keying();
  } catch {
    // A journal that cannot be read now says so on its own (writes stopped); it is not this save's reason.
    return null;
  }
  if (keying === null) return null;
  if (storeId !== undefined && storeId !== keying.storeId) return { field: 'storeId', journal: keying.storeId };
  if (dayStart !== undefined && dayStart !== keying.dayStart) return { field: 'businessDayStartsAt', journal: keying.dayStart };
  if (idScope !== undefined && idScope !== keying.idScope) return { field: 'txnIdScope', journal: keying.idScope };
  return null;
}
