// The cardholder's strokes as a small PNG (host-protocol §4.7: at most 999 bytes after
// compression; down-scale until it fits). One-bit grey: ink or paper.
import { PNG } from 'pngjs';

export interface Stroke {
  /** Points in the canvas's own coordinates. */
  points: Array<{ x: number; y: number }>;
}

export const MAX_SIGNATURE_PNG_BYTES = 999;

function bounds(strokes: readonly Stroke[]): { minX: number; minY: number; w: number; h: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of strokes) for (const p of s.points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, w: 1, h: 1 };
  return { minX, minY, w: Math.max(1, maxX - minX), h: Math.max(1, maxY - minY) };
}

export function renderSignature(strokes: readonly Stroke[], width: number): Buffer {
  const b = bounds(strokes);
  const pad = 2;
  const scale = (width - 2 * pad) / b.w;
  const height = Math.max(8, Math.ceil(b.h * scale) + 2 * pad);
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  png.data = Buffer.alloc(width * height, 255);
  const ink = (x: number, y: number): void => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi >= 0 && yi >= 0 && xi < width && yi < height) png.data[yi * width + xi] = 0;
  };
  for (const s of strokes) {
    const pts = s.points.map((p) => ({ x: pad + (p.x - b.minX) * scale, y: pad + (p.y - b.minY) * scale }));
    if (pts.length === 1) ink(pts[0]!.x, pts[0]!.y);
    for (let i = 1; i < pts.length; i++) {
      const a = pts[i - 1]!;
      const c = pts[i]!;
      const steps = Math.max(1, Math.ceil(Math.hypot(c.x - a.x, c.y - a.y)));
      for (let t = 0; t <= steps; t++) ink(a.x + ((c.x - a.x) * t) / steps, a.y + ((c.y - a.y) * t) / steps);
    }
  }
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false, deflateLevel: 9 });
}

/** The largest rendering that still fits the host's 999 bytes. */
export function signaturePng(strokes: readonly Stroke[]): Buffer {
  for (let width = 240; width >= 24; width = Math.floor(width * 0.8)) {
    const png = renderSignature(strokes, width);
    if (png.length <= MAX_SIGNATURE_PNG_BYTES) return png;
  }
  return renderSignature(strokes, 16);
}
