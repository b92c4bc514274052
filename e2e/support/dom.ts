/**
 * The few browser globals specs read inside `page.evaluate`, typed locally: e2e/ is type-checked
 * with the Node config (no DOM lib). Use as `globalThis as unknown as PageGlobals` inside the
 * evaluated function (types are erased, so nothing outside the function is captured).
 */
export interface BridgeEnvelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

export interface PageGlobals {
  till?: Record<string, ((request?: unknown) => Promise<BridgeEnvelope>) | undefined>;
  document: {
    getElementById(id: string): { childElementCount: number } | null;
    activeElement: { tagName: string; getAttribute(name: string): string | null } | null;
  };
}
