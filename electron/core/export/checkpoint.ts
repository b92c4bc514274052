/**
 * Resumable CSV output. After each page the rows are appended and fsync'd, then a checkpoint
 * (`<file>.progress.json`, replaced atomically) records how many bytes of the CSV are final and
 * where to continue. On restart the CSV is cut back to that length — dropping any rows written
 * after the last checkpoint — so a row can never be appended twice. Completion deletes the
 * checkpoint; a CSV without one is a finished export and is not touched without `overwrite`.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomicSync } from '../fs/atomic-write.ts';
import { csvLine, parseCsv } from './csv.ts';
import type { CsvValue } from './csv.ts';

export class ExportError extends Error {
  override name = 'ExportError';
}

export const checkpointPath = (file: string): string => `${file}.progress.json`;

const baseCheckpoint = z.object({
  version: z.literal(1),
  /** What was asked for: a resume with different parameters would mix two exports. */
  params: z.record(z.string(), z.string()),
  /** Bytes of the CSV that are final. */
  bytes: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  complete: z.boolean(),
  startedAt: z.number().int().nonnegative(),
});

export interface CsvSinkOptions<S extends z.ZodRawShape> {
  file: string;
  header: readonly string[];
  params: Record<string, string>;
  /** Export-specific position fields (offsets, indexes). */
  position: z.ZodObject<S>;
  initial: z.output<z.ZodObject<S>>;
  overwrite?: boolean;
  now?: () => number;
}

export type Checkpoint<P> = z.output<typeof baseCheckpoint> & { position: P };

export interface CsvSink<P> {
  /** The checkpoint in force (fresh or resumed). */
  readonly checkpoint: Checkpoint<P>;
  readonly resumed: boolean;
  /** Records already in the CSV (after the header), for rebuilding a dedup set on resume. */
  existingRecords(): string[][];
  /** Appends rows durably, then moves the checkpoint to `position`. */
  commit(rows: readonly (readonly CsvValue[])[], position: P): void;
  /** Marks the export complete and removes the checkpoint. */
  finish(): void;
  close(): void;
}

export function openCsvSink<S extends z.ZodRawShape>(options: CsvSinkOptions<S>): CsvSink<z.output<z.ZodObject<S>>> {
  type P = z.output<z.ZodObject<S>>;
  const { file } = options;
  const cpFile = checkpointPath(file);
  const schema = baseCheckpoint.extend({ position: options.position });
  const now = options.now ?? Date.now;

  let checkpoint: Checkpoint<P> | undefined;
  let resumed = false;
  if (fs.existsSync(cpFile) && !options.overwrite) {
    const parsed = schema.safeParse(readJson(cpFile));
    if (!parsed.success) throw new ExportError(`${cpFile} is not a checkpoint this tool wrote; remove it or pass --overwrite`);
    const cp = parsed.data as Checkpoint<P>;
    if (JSON.stringify(cp.params) !== JSON.stringify(options.params)) {
      throw new ExportError(`${cpFile} belongs to an export with different options (${describe(cp.params)}); rerun with those or pass --overwrite`);
    }
    const size = fs.existsSync(file) ? fs.statSync(file).size : -1;
    if (size < cp.bytes) throw new ExportError(`${file} is shorter than its checkpoint says (${size} < ${cp.bytes} bytes); pass --overwrite to start again`);
    // Rows written after the last checkpoint are not trusted: cut them off, they will be fetched again.
    if (size > cp.bytes) fs.truncateSync(file, cp.bytes);
    checkpoint = cp;
    resumed = true;
  } else if (fs.existsSync(file) && !options.overwrite) {
    throw new ExportError(`${file} already exists and has no checkpoint to resume from; pass --overwrite to replace it`);
  }

  const fd = fs.openSync(file, checkpoint ? 'r+' : 'w', 0o600);
  const saveCheckpoint = (cp: Checkpoint<P>): void => writeFileAtomicSync(cpFile, `${JSON.stringify(cp)}\n`, { mode: 0o600 });
  const append = (text: string, at: number): number => {
    const buf = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buf.length) written += fs.writeSync(fd, buf, written, buf.length - written, at + written);
    return buf.length;
  };

  if (!checkpoint) {
    const bytes = append(csvLine(options.header), 0);
    fs.ftruncateSync(fd, bytes);
    fs.fsyncSync(fd);
    checkpoint = { version: 1, params: options.params, bytes, rows: 0, complete: false, startedAt: now(), position: options.initial };
    saveCheckpoint(checkpoint);
  }
  let cp: Checkpoint<P> = checkpoint;

  return {
    get checkpoint() {
      return cp;
    },
    resumed,
    existingRecords() {
      return parseCsv(fs.readFileSync(file).subarray(0, cp.bytes).toString('utf8')).slice(1);
    },
    commit(rows, position) {
      let bytes = cp.bytes;
      if (rows.length > 0) {
        bytes += append(rows.map(csvLine).join(''), bytes);
        fs.fsyncSync(fd);
      }
      cp = { ...cp, bytes, rows: cp.rows + rows.length, position };
      saveCheckpoint(cp);
    },
    finish() {
      cp = { ...cp, complete: true };
      saveCheckpoint(cp);
      fs.rmSync(cpFile, { force: true });
    },
    close() {
      fs.closeSync(fd);
    },
  };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function describe(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
