import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import type { Session } from 'electron';
import { electronStub, session } from './testing/electron-stub.ts';
import { refuseDownloads } from './downloads.ts';

beforeEach(() => electronStub.reset());

function download(url: string): { prevented: boolean } {
  const event = {
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  session.defaultSession.emit('will-download', event, { getURL: () => url, getFilename: () => 'payload.exe' }, null);
  return event;
}

describe('will-download', () => {
  it('refuses every download and says where it came from (origin only)', () => {
    const warnings: string[] = [];
    refuseDownloads(session.defaultSession as unknown as Session, (m) => warnings.push(m));
    expect(download('https://evil.example/payload.exe?token=secret').prevented).toBe(true);
    expect(download('data:application/octet-stream;base64,TVo=').prevented).toBe(true);
    expect(download('not a url').prevented).toBe(true);
    expect(warnings).toEqual([
      'Download refused (from https://evil.example): the till does not save files from pages.',
      'Download refused (from null): the till does not save files from pages.',
      'Download refused (from (unknown)): the till does not save files from pages.',
    ]);
  });

  it('without the handler a download would go ahead (the event is not cancelled by default)', () => {
    expect(download('https://evil.example/payload.exe').prevented).toBe(false);
  });
});
