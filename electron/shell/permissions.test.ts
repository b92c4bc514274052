import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import type { Session } from 'electron';
import { electronStub, session } from './testing/electron-stub.ts';
import { installPermissionHandlers } from './permissions.ts';
import { APP_ORIGIN } from '../core/shell-policy/app-origin.ts';

beforeEach(() => {
  electronStub.reset();
  installPermissionHandlers(session.defaultSession as unknown as Session, [APP_ORIGIN]);
});

function request(permission: string, details: Record<string, unknown>): boolean {
  let granted: boolean | undefined;
  session.defaultSession.permissionRequestHandler!({}, permission, (g: boolean) => (granted = g), { isMainFrame: true, requestingUrl: 'app://till/index.html', ...details });
  if (granted === undefined) throw new Error('callback not called');
  return granted;
}
const check = (permission: string, origin: string, details: Record<string, unknown>) =>
  session.defaultSession.permissionCheckHandler!({}, permission, origin, { isMainFrame: true, ...details }) as boolean;

describe('permission handlers', () => {
  it('grant the camera to our own origin', () => {
    expect(request('media', { mediaTypes: ['video'] })).toBe(true);
    expect(check('media', 'app://till', { mediaType: 'video', securityOrigin: 'app://till' })).toBe(true);
  });

  it('deny the microphone, geolocation, notifications and the camera for another origin', () => {
    expect(request('media', { mediaTypes: ['audio'] })).toBe(false);
    expect(request('media', { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(request('geolocation', {})).toBe(false);
    expect(request('notifications', {})).toBe(false);
    expect(request('media', { mediaTypes: ['video'], requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check('media', 'app://till', { mediaType: 'audio' })).toBe(false);
    expect(check('geolocation', 'app://till', {})).toBe(false);
    expect(check('notifications', 'app://till', {})).toBe(false);
    expect(check('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
  });

  it('deny device access outright', () => {
    expect(session.defaultSession.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://till' })).toBe(false);
  });
});
