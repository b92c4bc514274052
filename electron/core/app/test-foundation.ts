/**
 * The trusted foundation over real parts in a test's data folder (settings file, key vault,
 * notice board), with cheap scrypt so tests stay quick, keeping the first-run set-up code it
 * issues. Shared by the till kit and the IPC foundation kit.
 */
import path from 'node:path';
import { jsonFileBackend, openSettings } from '../settings/settings-file.ts';
import { createKeyVault } from '../keys/key-vault.ts';
import type { KeyVault } from '../keys/key-vault.ts';
import type { KeyCryptoBackend } from '../keys/key-crypto.ts';
import type { SessionClock } from '../auth/session-clock.ts';
import { createNoticeBoard } from '../notices/notice-board.ts';
import type { NoticeBoard } from '../notices/notice-board.ts';
import { openTrustedFoundation } from './trusted-foundation.ts';
import type { TrustedFoundation } from './trusted-foundation.ts';
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';

export interface TestFoundation {
  readonly foundation: TrustedFoundation;
  readonly vault: KeyVault;
  readonly notices: NoticeBoard;
  /** The last set-up code the foundation issued, null before any. */
  readonly setupCode: () => string | null;
}

export async function openTestFoundation(options: { dir: string; crypto: KeyCryptoBackend; clock: SessionClock; now?: () => Date; policy?: () => TillPolicy | null }): Promise<TestFoundation> {
  const { dir, crypto, clock, now } = options;
  const settingsPath = path.join(dir, 'settings.json');
  const stored = openSettings({ filePath: settingsPath, open: jsonFileBackend(settingsPath) });
  const vault = createKeyVault({ filePath: path.join(dir, 'keys.json'), crypto, ...(now === undefined ? {} : { now }) });
  const notices = createNoticeBoard(now);
  let setupCode: string | null = null;
  const foundation = await openTrustedFoundation({
    dataDir: dir,
    crypto,
    settings: stored,
    vault,
    notices,
    clock,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    scrypt: { N: 2 ** 10, r: 8, p: 1, keyLen: 32 },
    onSetupCode: (code) => {
      setupCode = code;
    },
  });
  return { foundation, vault, notices, setupCode: () => setupCode };
}
