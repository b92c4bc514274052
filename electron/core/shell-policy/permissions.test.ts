import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin.ts';
import { decidePermissionCheck, decidePermissionRequest } from './permissions.ts';

const origins = [APP_ORIGIN];
const ours = 'app://till/index.html';
const req = (over: Partial<Parameters<typeof decidePermissionRequest>[0]>) =>
  decidePermissionRequest({ permission: 'media', requestingUrl: ours, isMainFrame: true, mediaTypes: ['video'], ...over }, origins);
const check = (over: Partial<Parameters<typeof decidePermissionCheck>[0]>) =>
  decidePermissionCheck({ permission: 'media', requestingOrigin: 'app://till', securityOrigin: 'app://till', mediaType: 'video', isMainFrame: true, ...over }, origins);

describe('permission requests', () => {
  it('grants the camera to our own page', () => {
    expect(req({})).toBe(true);
  });

  it.each([
    ['microphone', { mediaTypes: ['audio'] }],
    ['camera and microphone together', { mediaTypes: ['video', 'audio'] }],
    ['media with no types', { mediaTypes: [] }],
    ['media with undefined types', { mediaTypes: undefined }],
    ['camera for another origin', { requestingUrl: 'https://evil.example/' }],
    ['camera for a lookalike origin', { requestingUrl: 'app://till.evil/' }],
    ['camera for a file page', { requestingUrl: 'file:///tmp/x.html' }],
    ['camera for a subframe', { isMainFrame: false }],
    ['geolocation', { permission: 'geolocation' }],
    ['notifications', { permission: 'notifications' }],
    ['screen capture', { permission: 'display-capture' }],
    ['clipboard read', { permission: 'clipboard-read' }],
    ['open external', { permission: 'openExternal' }],
    ['midi', { permission: 'midiSysex' }],
    ['unknown', { permission: 'unknown' }],
  ] as const)('denies %s', (_why, over) => {
    expect(req(over as Parameters<typeof req>[0])).toBe(false);
  });
});

describe('permission checks', () => {
  it('allows the camera check for our own origin', () => {
    expect(check({})).toBe(true);
    expect(check({ securityOrigin: undefined })).toBe(true);
  });

  it.each([
    ['microphone', { mediaType: 'audio' }],
    ['unknown media type', { mediaType: 'unknown' }],
    ['another origin', { requestingOrigin: 'https://evil.example' }],
    ['a disagreeing security origin', { securityOrigin: 'https://evil.example' }],
    ['the opaque origin', { requestingOrigin: 'null' }],
    ['a subframe', { isMainFrame: false }],
    ['geolocation', { permission: 'geolocation', mediaType: undefined }],
    ['notifications', { permission: 'notifications', mediaType: undefined }],
  ] as const)('denies %s', (_why, over) => {
    expect(check(over as Parameters<typeof check>[0])).toBe(false);
  });
});
