/**
 * Replace a small file so that a crash leaves either the old or the new content, never a torn
 * one: write a temp file beside it, flush it, rename it over the target, then flush the directory
 * so the rename itself survives a power cut (best effort: not every platform can open a directory).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** File mode for the new file, e.g. 0o600 for secrets. Re-applied with chmod, since umask can only narrow it. */
  readonly mode?: number;
}

function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory for fsync; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export async function writeFileAtomic(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? 0o644;
  const tmp = tempPathFor(target);
  const handle = await fsp.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.chmod(mode).catch(() => undefined);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  await syncDir(path.dirname(target));
}

export function writeFileAtomicSync(target: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const mode = options.mode ?? 0o644;
  const tmp = tempPathFor(target);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeFileSync(fd, data);
    try {
      fs.fchmodSync(fd, mode);
    } catch {
      // not supported everywhere (Windows); the open mode already applied
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dfd = fs.openSync(path.dirname(target), 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // see syncDir
  }
}
