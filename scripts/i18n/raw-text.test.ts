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

  it('the renderer has none: every word people read goes through the catalogues', () => {
    expect(rawTextInRenderer().map((f) => `${f.file}:${f.line} ${f.text}`)).toEqual([]);
  });
});
