/**
 * What the till's services log through (the registry, the event publisher, the app core, the
 * settings file, the sandbox slot): warnings and errors with a few named fields. Hosts pass
 * their own (main's log file, the web host's stderr, a test's array). Fields take names and
 * codes only: never payloads or responses, which may hold what we protect.
 */
export interface AppLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
