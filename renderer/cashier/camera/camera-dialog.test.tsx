import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../app/runtime.ts';
import { createFakeBridge } from '../../testing/fake-bridge.ts';
import { renderInTill } from '../../testing/render-in-till.tsx';
import CameraDialog from './camera-dialog.tsx';

const device = (deviceId: string, label: string): MediaDeviceInfo => ({ kind: 'videoinput', deviceId, label, groupId: 'g', toJSON: () => ({}) });

/** The dialog as the server renders it when it opens: first (list unread), or after an earlier opening read the camera list. */
async function opened(again: boolean): Promise<string> {
  const list = [device('cam-a', 'HD Webcam'), device('cam-b', 'Integrated Camera')];
  const runtime = createRuntime(createFakeBridge().bridge, {
    osLocale: () => 'en-US',
    sound: { play: () => undefined },
    activeElement: () => null,
    cameraDevices: () => ({ enumerateDevices: () => Promise.resolve(list) }),
  });
  // The first opening read the list; closing the dialog keeps it (only the console's close resets it).
  if (again) await runtime.cameras.getState().load();
  return renderInTill(runtime, <CameraDialog onClose={() => undefined} />, [runtime.cameras]);
}

describe('camera dialog', () => {
  it('focuses its close button when it opens, never the camera picker, also on reopening', async () => {
    // The kit Dialog focuses [data-autofocus], else its first focusable element. On the camera
    // picker a USB scanner's characters (which always pass through) would type ahead into the
    // options and switch the camera for the rest of the run.
    const focused = (html: string): string =>
      /<(?:button|select|input|textarea)\b[^>]*\bdata-autofocus[^>]*>/.exec(html)?.[0] ?? /<(?:button|select|input|textarea)\b[^>]*>/.exec(html)?.[0] ?? '';
    const first = await opened(false);
    expect(focused(first)).toContain('data-testid="camera-close"');
    const again = await opened(true);
    expect(again).toContain('data-testid="camera-select"');
    expect(focused(again)).toContain('data-testid="camera-close"');
  });
});
