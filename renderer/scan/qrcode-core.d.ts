/**
 * Types for the `qrcode` package's pure encoder. Tests import this entry point rather than
 * `qrcode` itself because `@types/qrcode` pulls in Node's types, which must stay out of the
 * renderer's type check.
 */
declare module 'qrcode/lib/core/qrcode.js' {
  export interface QrCodeModules {
    size: number;
    data: Uint8Array;
    get(row: number, col: number): number;
  }
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): { modules: QrCodeModules; version: number };
}
