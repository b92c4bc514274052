/**
 * Loading settings without ever losing them and without ever failing to start.
 *
 * A settings file that cannot be read (truncated, zeroed, not JSON) or that the schema rejects is
 * **moved aside** to `settings.json.corrupt-<timestamp>` — kept for the manager or support, never
 * deleted, never silently cleared (we never use electron-store's `clearInvalidConfig`) — and the
 * till starts on defaults with a notice for the manager. If even a fresh file cannot be created,
 * the till runs on in-memory defaults (with a notice) rather than crash-looping.
 *
 * The storage itself is injected (`open`): electron-store in the app (electron/shell/settings-store.ts),
 * a plain JSON file here for the web host and the tests. Both throw from `open()`/`read()` on a
 * corrupt file, which is what this module relies on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../fs/atomic-write.ts';
import { applySettingsPatch, defaultSettings, settingsSchema } from './settings-schema.ts';
import type { Settings, SettingsPatch } from './settings-schema.ts';

export interface SettingsBackend {
  /** The stored object as found; throws if the file cannot be parsed. */
  read(): unknown;
  write(settings: Settings): void;
}

export type OpenSettingsBackend = () => SettingsBackend;

export interface SettingsNotice {
  readonly kind: 'settings-quarantined' | 'settings-unwritable';
  readonly at: string;
  readonly message: string;
  /** Where the bad file now is (quarantine) — a base name, so no home directory reaches the UI. */
  readonly file: string | null;
}

export interface SettingsService {
  get(): Settings;
  /** Validates the merged result, persists it, then returns it. Throws (and changes nothing) if it cannot be persisted. */
  update(patch: SettingsPatch): Settings;
  /** False when running on in-memory defaults because no file could be used. */
  readonly persistent: boolean;
  readonly notices: readonly SettingsNotice[];
}

export interface OpenSettingsOptions {
  /** The file the backend uses; it is what gets moved aside. */
  readonly filePath: string;
  readonly open: OpenSettingsBackend;
  readonly now?: () => Date;
  readonly log?: { warn(message: string, fields?: Record<string, unknown>): void };
  /** Notified after every successful update (e.g. to push the auto-lock time to the PIN module). */
  readonly onChange?: (settings: Settings) => void;
}

/** `2026-11-25T19-15-00-123Z`: sortable and valid in a Windows file name. */
function stamp(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/**
 * Move a bad file aside, keeping it. Returns the new path, or null when there was nothing to move.
 * Throws if the file exists but cannot be moved (the caller then falls back to memory).
 */
export function quarantineFile(filePath: string, now: Date): string | null {
  if (!fs.existsSync(filePath)) return null;
  const base = `${filePath}.corrupt-${stamp(now)}`;
  let target = base;
  for (let n = 1; fs.existsSync(target); n++) target = `${base}-${n}`;
  fs.renameSync(filePath, target);
  return target;
}

class MemoryBackend implements SettingsBackend {
  #value: unknown = {};
  read(): unknown {
    return this.#value;
  }
  write(settings: Settings): void {
    this.#value = settings;
  }
}

export function openSettings(options: OpenSettingsOptions): SettingsService {
  const now = options.now ?? (() => new Date());
  const notices: SettingsNotice[] = [];
  const warn = (m: string, f?: Record<string, unknown>) => options.log?.warn(m, f);

  function moveAside(why: string): boolean {
    try {
      const moved = quarantineFile(options.filePath, now());
      notices.push({
        kind: 'settings-quarantined',
        at: now().toISOString(),
        message: `The settings file could not be used (${why}). It was kept as ${moved === null ? '(nothing to keep)' : path.basename(moved)} and the till started with default settings. Review the settings.`,
        file: moved === null ? null : path.basename(moved),
      });
      warn('Settings file quarantined', { why, movedTo: moved });
      return true;
    } catch (e) {
      warn('Settings file could not be moved aside', { error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  }

  function unwritable(): { backend: SettingsBackend; settings: Settings; persistent: boolean } {
    notices.push({
      kind: 'settings-unwritable',
      at: now().toISOString(),
      message: 'The settings file could not be opened or replaced, so the till is running on default settings that will not be saved. Check the disk and the data folder permissions.',
      file: null,
    });
    return { backend: new MemoryBackend(), settings: defaultSettings(), persistent: false };
  }

  /** Open and validate; a bad file is moved aside once and the open retried on a clean slate. */
  function load(): { backend: SettingsBackend; settings: Settings; persistent: boolean } {
    for (let attempt = 0; attempt < 2; attempt++) {
      let backend: SettingsBackend;
      let raw: unknown;
      try {
        backend = options.open();
        raw = backend.read();
      } catch (e) {
        if (attempt === 0 && fs.existsSync(options.filePath) && moveAside(e instanceof SyntaxError ? 'not valid JSON' : 'unreadable')) continue;
        warn('Settings store could not be opened', { error: e instanceof Error ? e.name : typeof e });
        return unwritable();
      }
      const parsed = settingsSchema.safeParse(raw);
      if (parsed.success) return { backend, settings: parsed.data, persistent: true };
      if (attempt === 0 && moveAside('values out of range or of the wrong type')) continue;
      return unwritable();
    }
    return unwritable();
  }

  const loaded = load();
  const { backend, persistent } = loaded;
  let current = loaded.settings;

  return {
    get: () => current,
    update(patch) {
      const next = applySettingsPatch(current, patch);
      // Persist first: a change the manager was told about must survive a restart, or fail visibly.
      backend.write(next);
      current = next;
      options.onChange?.(next);
      return next;
    },
    persistent,
    notices,
  };
}

/** A plain JSON file backend (web host, CLI, tests): same contract as the electron-store one. */
export function jsonFileBackend(filePath: string): OpenSettingsBackend {
  return () => {
    let value: unknown = {};
    if (fs.existsSync(filePath)) {
      const text = fs.readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
      value = JSON.parse(text) as unknown; // a SyntaxError here is what triggers the quarantine
    } else {
      fs.mkdirSync(path.dirname(filePath), { recursive: true });
    }
    return {
      read: () => value,
      write(settings) {
        writeFileAtomicSync(filePath, JSON.stringify(settings, null, 2) + '\n');
        value = settings;
      },
    };
  };
}
