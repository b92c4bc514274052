/**
 * Temp folders and policy sources for the policy-file tests: after every test each source opened
 * here is closed and each folder removed, whatever the test left behind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openPolicySource } from '../policy-source.ts';
import type { PolicySource, PolicySourceOptions } from '../policy-source.ts';

export interface PolicyScratch {
  /** A new temp folder named after `prefix`. */
  folder(): string;
  open(options: PolicySourceOptions): PolicySource;
}

export function policyScratch(prefix: string): PolicyScratch {
  const folders: string[] = [];
  const sources: PolicySource[] = [];
  afterEach(() => {
    for (const s of sources.splice(0)) s.close();
    for (const d of folders.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    folder() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      folders.push(dir);
      return dir;
    },
    open(options) {
      const source = openPolicySource(options);
      sources.push(source);
      return source;
    },
  };
}
