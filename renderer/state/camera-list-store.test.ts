import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRuntime } from '../app/runtime.ts';
import { createFakeBridge, deferred, handleSettings, settingsFixture } from '../testing/fake-bridge.ts';
import { chosenCamera, createCameraListStore, type CameraDevices } from './camera-list-store.ts';

const device = (kind: MediaDeviceKind, deviceId: string, label = ''): MediaDeviceInfo => ({ kind, deviceId, label, groupId: 'g', toJSON: () => ({}) });

/** A computer whose camera list can change between reads. */
function computer(...ids: string[]) {
  let list = ids;
  const md: CameraDevices = { enumerateDevices: () => Promise.resolve(list.map((id) => device('videoinput', id, `Camera ${id}`))) };
  return { devices: () => md, plug: (...next: string[]) => void (list = next) };
}

/** The till as it runs: the runtime's stores over a fake main holding `saved` as the camera setting. */
async function till(saved: string | null, cams: ReturnType<typeof computer>) {
  const fake = createFakeBridge();
  const settings = handleSettings(fake, settingsFixture({ camera: { deviceId: saved } }));
  const runtime = createRuntime(fake.bridge, { sound: { play: () => undefined }, cameraDevices: cams.devices });
  await runtime.settings.getState().load();
  await runtime.cameras.getState().load();
  /** What the camera dialog uses now. */
  const dialogCamera = (): string | null => chosenCamera(runtime.cameras.getState(), runtime.settings.getState().settings?.camera.deviceId ?? null);
  return { runtime, fake, settings, dialogCamera };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the camera dialog’s choice', () => {
  it('is the camera saved in Settings, even where this computer once kept another one locally', async () => {
    const local = new Map([['till.camera.deviceId', 'cam-a']]);
    vi.stubGlobal('localStorage', { getItem: (k: string) => local.get(k) ?? null, setItem: (k: string, v: string) => void local.set(k, v) });
    const { dialogCamera, runtime } = await till('cam-b', computer('cam-a', 'cam-b'));
    expect(dialogCamera()).toBe('cam-b');
    // The manager console reads the same list: one store, made once by the runtime.
    expect(runtime.managerData.cameras).toBe(runtime.cameras);
  });

  it('is the system’s default camera when the saved one is not on this computer, or none is saved', async () => {
    expect((await till('cam-gone', computer('cam-a', 'cam-b'))).dialogCamera()).toBeNull();
    expect((await till(null, computer('cam-c', 'cam-a'))).dialogCamera()).toBeNull();
    // A list without ids (no camera permission yet) cannot tell: the saved camera, as saved.
    expect((await till('cam-b', computer())).dialogCamera()).toBe('cam-b');
    expect((await till(null, computer())).dialogCamera()).toBeNull();
  });

  it('starts the pick or the saved camera at once while the list is unread, and the default when that camera was not found', async () => {
    const cams = computer();
    const { runtime, dialogCamera } = await till('cam-b', cams);
    runtime.cameras.getState().pick('cam-a');
    expect(dialogCamera()).toBe('cam-a');
    runtime.cameras.getState().markMissing('cam-a');
    expect(dialogCamera()).toBeNull();
    // A list that offers it again clears the mark.
    cams.plug('cam-a', 'cam-b');
    await runtime.cameras.getState().load();
    expect(runtime.cameras.getState().missing).toBeNull();
    expect(dialogCamera()).toBe('cam-a');
  });

  it('keeps the choice when the list is read again, and follows a camera plugged out', async () => {
    const cams = computer('cam-a', 'cam-b');
    const { runtime, dialogCamera } = await till('cam-b', cams);
    cams.plug('cam-c', 'cam-b', 'cam-a');
    await runtime.cameras.getState().load();
    expect(dialogCamera()).toBe('cam-b');
    runtime.cameras.getState().pick('cam-a');
    cams.plug('cam-a', 'cam-d', 'cam-b');
    await runtime.cameras.getState().load();
    expect(dialogCamera()).toBe('cam-a');
    cams.plug('cam-d', 'cam-b');
    await runtime.cameras.getState().load();
    expect(dialogCamera()).toBe('cam-b');
    // Neither the pick nor the saved camera is left: the system's default.
    cams.plug('cam-d');
    await runtime.cameras.getState().load();
    expect(dialogCamera()).toBeNull();
  });

  it('keeps a camera picked in the dialog for this app run without saving settings (the cashier has no manager session)', async () => {
    const { runtime, fake, dialogCamera } = await till('cam-a', computer('cam-a', 'cam-b'));
    runtime.cameras.getState().pick('cam-b');
    expect(dialogCamera()).toBe('cam-b');
    expect(fake.callsTo('settingsUpdate')).toEqual([]);
    // Closing the manager console forgets the list, not the pick.
    runtime.cameras.getState().reset();
    await runtime.cameras.getState().load();
    expect(dialogCamera()).toBe('cam-b');
  });

  it('gives way to a camera a manager saves in Settings after the pick', async () => {
    const { runtime, dialogCamera } = await till('cam-a', computer('cam-a', 'cam-b', 'cam-c'));
    runtime.cameras.getState().pick('cam-b');
    await runtime.settings.getState().update({ camera: { deviceId: 'cam-c' } });
    expect(dialogCamera()).toBe('cam-c');
  });
});

describe('the camera dialog’s choice against the camera setting', () => {
  it('uses the system’s default camera (no device id) while the saved setting is “System default camera” (null)', async () => {
    // The settings schema says null means the system's default camera, and Settings offers it as
    // "System default camera"; started without a device id the scanner asks for the default
    // (rear-facing where there is one). Picking the first listed camera by id ignores that.
    const { dialogCamera } = await till(null, computer('cam-front', 'cam-rear'));
    expect(dialogCamera()).toBeNull();
  });

  it('gives way to the camera a manager saves after the pick, even when it is the setting the pick was made over', async () => {
    const { runtime, dialogCamera } = await till('cam-a', computer('cam-a', 'cam-b', 'cam-c'));
    runtime.cameras.getState().pick('cam-b');
    await runtime.settings.getState().update({ camera: { deviceId: 'cam-c' } });
    expect(dialogCamera()).toBe('cam-c');
    // The manager saves cam-a again: the manager's latest save wins, the old pick does not come back.
    await runtime.settings.getState().update({ camera: { deviceId: 'cam-a' } });
    expect(dialogCamera()).toBe('cam-a');
  });
});

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
