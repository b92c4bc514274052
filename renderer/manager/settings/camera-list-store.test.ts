import { describe, expect, it } from 'vitest';
import { deferred } from '../../testing/fake-bridge.ts';
import { createCameraListStore, type CameraDevices } from './camera-list-store.ts';

const device = (kind: MediaDeviceKind, deviceId: string, label = ''): MediaDeviceInfo => ({ kind, deviceId, label, groupId: 'g', toJSON: () => ({}) });

describe('camera list store', () => {
  it('lists the video inputs with their names and places, leaving out microphones and unnamed ids', async () => {
    const md: CameraDevices = { enumerateDevices: () => Promise.resolve([device('audioinput', 'mic'), device('videoinput', 'cam-a', 'Front camera'), device('videoinput', ''), device('videoinput', 'cam-b')]) };
    const store = createCameraListStore({ devices: () => md });
    expect(store.getState()).toMatchObject({ cameras: null, problem: null });
    await store.getState().load();
    expect(store.getState()).toEqual(
      expect.objectContaining({
        cameras: [
          { id: 'cam-a', label: 'Front camera', n: 1 },
          { id: 'cam-b', label: '', n: 2 },
        ],
        problem: null,
      }),
    );
  });

  it('says when the computer offers no list, or reading it failed', async () => {
    const none = createCameraListStore({ devices: () => undefined });
    await none.getState().load();
    expect(none.getState()).toMatchObject({ cameras: null, problem: 'no-list' });
    const broken = createCameraListStore({ devices: () => ({ enumerateDevices: () => Promise.reject(new Error('NotAllowedError')) }) });
    await broken.getState().load();
    expect(broken.getState()).toMatchObject({ cameras: null, problem: 'failed' });
  });

  it('drops a list that arrives after the console closed', async () => {
    const answer = deferred<MediaDeviceInfo[]>();
    const store = createCameraListStore({ devices: () => ({ enumerateDevices: () => answer.promise }) });
    const loading = store.getState().load();
    store.getState().reset();
    answer.resolve([device('videoinput', 'cam-a', 'Front camera')]);
    await loading;
    expect(store.getState()).toMatchObject({ cameras: null, problem: null });
  });
});
