/**
 * The largest request the renderer may send to main, as JSON bytes. Payloads are small (the largest
 * is a settings patch); anything bigger is not from our page. One limit for both doors: ipcMain
 * and the web host's HTTP body.
 */
export const IPC_PAYLOAD_LIMIT_BYTES = 256 * 1024;

/** Whether `payload` is over the limit (or cannot be measured as JSON at all, e.g. a cycle or a BigInt). */
export function payloadTooLarge(payload: unknown): boolean {
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    return true;
  }
  if (json === undefined) return false; // `undefined`: a channel that takes nothing
  // UTF-8 takes at least one byte per UTF-16 unit, so a long string is over without encoding it.
  if (json.length > IPC_PAYLOAD_LIMIT_BYTES) return true;
  return new TextEncoder().encode(json).length > IPC_PAYLOAD_LIMIT_BYTES;
}
