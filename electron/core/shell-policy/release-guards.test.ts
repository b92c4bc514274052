import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirOverride, debugSwitchRefusal, findDebugSwitch, isReleaseBuild } from './release-guards.ts';

const release = { packaged: true, testBuild: false };
const qa = { packaged: true, testBuild: true };
const dev = { packaged: false, testBuild: false };
const EXE = '/opt/socialhub-till/socialhub-till';

describe('debugger switches', () => {
  it.each([
    ['--remote-debugging-port=9222', '--remote-debugging-port'],
    ['--remote-debugging-port', '--remote-debugging-port'],
    ['-remote-debugging-port=9222', '--remote-debugging-port'],
    ['--remote-debugging-pipe', '--remote-debugging-pipe'],
    ['--inspect', '--inspect'],
    ['--inspect=0.0.0.0:9229', '--inspect'],
    ['--inspect-brk', '--inspect-brk'],
    ['--inspect-brk=9229', '--inspect-brk'],
    ['--inspect-port=9229', '--inspect-port'],
    ['--INSPECT', '--inspect'],
  ])('a release build refuses %s', (arg, name) => {
    expect(findDebugSwitch([EXE, arg], 'linux')).toBe(name);
    expect(debugSwitchRefusal([EXE, '--no-sandbox', arg], release, 'linux')).toBe(`SocialHub Till does not start with ${name}: a debugger attached to the till could read its keys.`);
  });

  it('recognises the Windows /switch form on Windows only', () => {
    expect(findDebugSwitch(['till.exe', '/remote-debugging-port=9222'], 'win32')).toBe('--remote-debugging-port');
    expect(findDebugSwitch(['till', '/remote-debugging-port=9222'], 'linux')).toBeNull();
  });

  it('starts with ordinary arguments, and lets development and the QA build debug', () => {
    expect(debugSwitchRefusal([EXE, '--enable-logging', '--inspector-panel', '/tmp/x', 'inspect'], release, 'linux')).toBeNull();
    expect(debugSwitchRefusal([EXE, '--remote-debugging-port=9222'], qa, 'linux')).toBeNull();
    expect(debugSwitchRefusal([EXE, '--inspect'], dev, 'linux')).toBeNull();
  });
});

describe('TILL_DATA_DIR', () => {
  it('is honoured in development and in the QA build, as an absolute path only', () => {
    expect(dataDirOverride({ TILL_DATA_DIR: '/tmp/till' }, dev, path.posix.isAbsolute)).toEqual({ use: '/tmp/till' });
    expect(dataDirOverride({ TILL_DATA_DIR: '/tmp/till' }, qa, path.posix.isAbsolute)).toEqual({ use: '/tmp/till' });
    expect(dataDirOverride({ TILL_DATA_DIR: 'rel/dir' }, dev, path.posix.isAbsolute)).toEqual({ ignored: 'TILL_DATA_DIR is ignored: it must be an absolute path.' });
    expect(dataDirOverride({}, dev, path.posix.isAbsolute)).toBeNull();
  });

  it('is ignored by a release build', () => {
    expect(dataDirOverride({ TILL_DATA_DIR: '/tmp/attacker' }, release, path.posix.isAbsolute)).toEqual({ ignored: 'TILL_DATA_DIR is ignored in a release build.' });
    expect(isReleaseBuild(release)).toBe(true);
    expect(isReleaseBuild(qa)).toBe(false);
  });
});
