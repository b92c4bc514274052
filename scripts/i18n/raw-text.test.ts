import { describe, expect, it } from 'vitest';
import { rawTextIn, rawTextInRenderer } from './raw-text.ts';

describe('no English typed straight into a renderer view', () => {
  it('finds JSX text and read attributes, not code, key caps or the product name', () => {
    const found = rawTextIn(
      'sample.tsx',
      [
        'export const A = () => (',
        '  <div aria-label="Close camera" title={`Camera`} data-testid="camera-close">',
        '    Starting the camera…',
        "    {'Try again'}",
        '    <Field label="Camera" hint={t(M.hint)} />',
        '    <kbd>F7</kbd> SocialHub {value} · {n} ✕',
        '  </div>',
        ');',
      ].join('\n'),
    );
    expect(found.map((f) => [f.line, f.text])).toEqual([
      [2, 'Close camera'],
      [2, 'Camera'],
      [3, 'Starting the camera…'],
      [4, 'Try again'],
      [5, 'Camera'],
    ]);
  });

  const lines = (source: string[], file = 'sample.tsx'): [number, string][] => rawTextIn(file, source.join('\n')).map((f) => [f.line, f.text]);

  it('finds both arms of a conditional and the fallbacks of ?? || && in JSX and in read attributes', () => {
    expect(
      lines([
        'export const A = ({ ok, n, name }) => (',
        "  <p title={ok ? 'Saved' : t(M.failed)}>",
        "    {ok ? 'Yes' : 'No'}",
        "    {name ?? 'Nobody'} {n > 0 && 'Some left'} {ok ? t(M.yes) : n}",
        '  </p>',
        ');',
      ]),
    ).toEqual([
      [2, 'Saved'],
      [3, 'Yes'],
      [3, 'No'],
      [4, 'Nobody'],
      [4, 'Some left'],
    ]);
  });

  it('finds the fixed words of template literals and string concatenation, not a template of values only', () => {
    expect(
      lines([
        'export const A = ({ n, total }) => (',
        '  <>',
        '    {`${n} points left`}',
        "    <span aria-label={'Total: ' + total}>{n + ' items'}</span>",
        '    {`${n} · ${total}`} {`#${n}`}',
        '  </>',
        ');',
      ]),
    ).toEqual([
      [3, 'points left'],
      [4, 'Total:'],
      [4, 'items'],
    ]);
  });

  it('finds text in the props of the UI kit components', () => {
    expect(
      lines([
        'export const A = () => (',
        "  <Dialog title=\"Close the day\" closeLabel={'Close'}>",
        "    <Table caption=\"Sales\" empty={'No sales yet.'} columns={[{ id: 'n', header: 'Name', cell: (r) => r.n }]} />",
        "    <Field label={t(M.name)} hint=\"As on the card\" error={bad ? 'Too short' : null} aside=\"optional\" />",
        "    <ConfirmBar confirmLabel=\"Go\" testId=\"confirm-go\" className=\"mgr-bar\" />",
        '  </Dialog>',
        ');',
      ]),
    ).toEqual([
      [2, 'Close the day'],
      [2, 'Close'],
      [3, 'Sales'],
      [3, 'No sales yet.'],
      [3, 'Name'],
      [4, 'As on the card'],
      [4, 'Too short'],
      [4, 'optional'],
      [5, 'Go'],
    ]);
  });

  it('finds text a .ts store sets for people, document.title, DOM text and toasts; not codes, ids or message definitions', () => {
    expect(
      lines(
        [
          'const M = defineMessages({ title: { id: "x.title", defaultMessage: "Till", description: "Window title" } });',
          'export function load(set, feedback, el, ok) {',
          "  set({ error: 'Could not load the list.', status: 'loading', code: 'NOT_FOUND' });",
          "  set({ message: ok ? t(M.title) : 'Try again' });",
          "  document.title = 'SocialHub Till – Manager';",
          "  el.textContent = `Page ${1}`;",
          "  feedback.push('error', 'The scan was refused');",
          "  feedback.push('info', t(M.title)); rows.push('header', 'Name');",
          '}',
        ],
        'sample-store.ts',
      ),
    ).toEqual([
      [3, 'Could not load the list.'],
      [4, 'Try again'],
      [5, 'SocialHub Till – Manager'],
      [6, 'Page'],
      [7, 'The scan was refused'],
    ]);
  });

  it('the renderer has none: every word people read goes through the catalogues', () => {
    expect(rawTextInRenderer().map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });
});
