/** A failed SocialHub read, as the manager's screens report it. */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { ApiFailure } from '../api/index.ts';

const UNREACHABLE = new Set(['connection-refused', 'dns', 'network', 'timeout', 'reset']);

export function apiFailureError(failure: ApiFailure): IpcError {
  if (UNREACHABLE.has(failure.reason)) return new IpcError('OFFLINE', `SocialHub cannot be reached right now (${failure.reason}); try again when the till is online.`);
  if (failure.status === 401 || failure.status === 403) return new IpcError('KEY_INVALID', `SocialHub refused the key (HTTP ${failure.status}); a manager should check the keys.`);
  return new IpcError('API_UNAVAILABLE', failure.message);
}
