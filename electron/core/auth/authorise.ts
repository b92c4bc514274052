/**
 * The registry's access check: `manager` channels run only inside an unlocked manager session,
 * and each one counts as activity (it pushes the auto-lock back).
 */
import type { Access } from '../../../shared/ipc/define-channel.ts';
import type { ManagerPin } from './manager-pin.ts';

export function managerAuthoriser(pin: Pick<ManagerPin, 'isUnlocked' | 'touch'>): (access: Access) => boolean {
  return (access) => {
    if (access === 'cashier') return true;
    if (!pin.isUnlocked()) return false;
    pin.touch();
    return true;
  };
}
