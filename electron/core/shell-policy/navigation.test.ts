import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin.ts';
import { isNavigationAllowed, windowOpenDecision } from './navigation.ts';

describe('navigation policy', () => {
  it('allows navigation within our origin', () => {
    expect(isNavigationAllowed('app://till/index.html', [APP_ORIGIN])).toBe(true);
  });

  it.each(['https://socialhub.ai/', 'http://127.0.0.1:4010/', 'app://till.evil/', 'app://user@till/', 'file:///etc/passwd', 'about:blank', 'chrome://gpu'])(
    'refuses %s',
    (url) => {
      expect(isNavigationAllowed(url, [APP_ORIGIN])).toBe(false);
    },
  );

  it('never opens a window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});
