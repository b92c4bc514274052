/** What a manager PIN looks like. Pure zod: the IPC contract rejects a malformed PIN at the door. */
import { z } from 'zod';

export const PIN_PATTERN = /^\d{4,12}$/;
export const pinSchema = z.string().regex(PIN_PATTERN, 'a PIN is 4 to 12 digits');
