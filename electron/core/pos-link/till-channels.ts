/** The POS link's IPC channels (shared/ipc/schemas/pos-link.ts) on the checked registry. */
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import { IpcError } from '../../../shared/ipc/envelope.ts';
import { compileReceiptCodePattern, parseReceiptCode } from '../../../shared/pos/receipt-code.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import { registerLogSecret } from '../log/log-secrets.ts';
import { PolicyLockedError, policyLockedIpcError } from '../policy/managed-settings.ts';
import type { SettingsService } from '../settings/settings-file.ts';
import type { JournalSlot } from '../app/journal-slot.ts';
import type { PosLink } from './pos-link.ts';
import { salesShare } from './share.ts';
import type { DayWindow } from '../../../shared/time/business-day.ts';

export interface PosLinkChannelDeps {
  posLink: PosLink;
  settings: SettingsService;
  journal: JournalSlot;
  /** Today's business day as the till keys sales (the app's one answer, as the status names it). */
  today: () => DayWindow;
  now(): number;
}

export function registerPosLinkChannels(registry: HandlerRegistry<InvokeContract>, deps: PosLinkChannelDeps): void {
  const { posLink, settings } = deps;
  const apply = async () => {
    await posLink.apply(settings.get().posLink);
    return posLink.status();
  };
  const journalCall = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw deps.journal.mapError(e);
    }
  };

  // --- cashier ---
  registry.handle('posSaleCurrent', () => journalCall(() => posLink.service.current()));
  registry.handle('posSaleAward', ({ posTxnId, memberId }) => journalCall(() => posLink.service.award(posTxnId, memberId)));
  registry.handle('posReceiptCode', ({ code }) => {
    const { posLink: { receiptCodePattern: pattern }, currency } = settings.get();
    if (pattern === null) throw new IpcError('INVALID_STATE', 'No receipt-code format is set: a manager sets one in Settings → POS link.');
    const compiled = compileReceiptCodePattern(pattern);
    if (!compiled.ok) throw new IpcError('SETTINGS_INVALID', compiled.message);
    return parseReceiptCode(code, compiled.regex, currency);
  });

  // --- manager ---
  registry.handle('posLinkStatus', () => posLink.status());
  registry.handle('posLinkConfigure', async ({ enabled, port }) => {
    // Only what was asked: the group merges field by field, and a port change must not carry the
    // on/off a fleet policy may lock (the settings the POS link reads refuse that, in main).
    try {
      settings.update({ posLink: { ...(enabled === undefined ? {} : { enabled }), ...(port === undefined ? {} : { port }) } });
    } catch (e) {
      if (e instanceof PolicyLockedError) throw policyLockedIpcError(e);
      throw e;
    }
    return apply();
  });
  const create = () => {
    const { token } = posLink.tokens.create();
    // The plaintext leaves main once, to the manager; no log line may ever carry it.
    registerLogSecret(token);
    return { token, status: posLink.status() };
  };
  registry.handle('posLinkTokenCreate', create);
  registry.handle('posLinkTokenRotate', create);
  registry.handle('posLinkTokenRevoke', () => {
    posLink.tokens.revoke();
    return posLink.status();
  });
  registry.handle('posLinkShare', ({ from, to }) =>
    journalCall(async () => {
      const journal = deps.journal.journal();
      const day = deps.today();
      return salesShare(journal, posLink.service, from ?? day.start, to ?? day.end);
    }),
  );
}
