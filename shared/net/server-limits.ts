/**
 * Limits for the till's own HTTP servers (the dev/test web host and the embedded sandbox), so a
 * client that opens connections and never finishes its headers (slowloris) or opens thousands
 * of them cannot tie a server up. Node checks the timeouts every `connectionsCheckingInterval`,
 * 30 s by default, which would stretch a 10 s limit to 40 s; once a second keeps it near 10 s.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
} as const;
