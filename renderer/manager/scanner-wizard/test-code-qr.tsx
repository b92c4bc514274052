/** The test code as an on-screen QR (SVG, crisp at any size; dark on white with the quiet zone scanners need). */
import { useMemo } from 'react';
import { create } from 'qrcode/lib/core/qrcode.js';

export function QrCode({ text, size = 280, label }: { text: string; size?: number; label: string }) {
  const { path, span } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const quiet = 4;
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + quiet} ${row + quiet}h1v1h-1z`;
      }
    }
    return { path: d, span: modules.size + 2 * quiet };
  }, [text]);
  return (
    <svg className="qr" viewBox={`0 0 ${span} ${span}`} width={size} height={size} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={span} height={span} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
