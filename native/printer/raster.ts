// One-bit images as ESC/POS raster (GS v 0) wants them: rows of ceil(width/8) bytes,
// most significant bit leftmost, 1 = a burnt (black) dot.
import { PNG } from 'pngjs';
import { CashdeskError } from '../errors.js';

export interface MonoImage {
  width: number;
  height: number;
  /** height × bytesPerRow(width) bytes. */
  data: Uint8Array;
}

export function bytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

export function blankImage(width: number, height: number): MonoImage {
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

export function getDot(img: MonoImage, x: number, y: number): boolean {
  return ((img.data[y * bytesPerRow(img.width) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

export function setDot(img: MonoImage, x: number, y: number): void {
  const i = y * bytesPerRow(img.width) + (x >> 3);
  img.data[i] = (img.data[i] ?? 0) | (0x80 >> (x & 7));
}

/** Black dots in the image (padding bits past `width` never count). */
export function inkCount(img: MonoImage): number {
  let n = 0;
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (getDot(img, x, y)) n++;
  return n;
}

export class ImageDecodeError extends CashdeskError {
  constructor(what: string, detail: string, options?: { cause?: unknown }) {
    super(
      'PRINT_IMAGE_INVALID',
      `${what}图片无法读取（${detail}），小票上将不含此图片。交易不受影响；如需要可在电子签购单中查看。`,
      `The ${what === '签名' ? 'signature' : 'receipt'} image cannot be read (${detail}); the receipt is printed without it. The transaction is not affected; the e-slip still holds it.`,
      options,
    );
    this.name = 'ImageDecodeError';
  }
}

/**
 * A PNG (any colour type, with or without alpha) as black and white: each pixel is laid
 * over white paper, then dark (luminance < 50%) is ink. Wider than `maxWidth` is shrunk by
 * whole-box sampling where any ink in a box keeps the dot, so a one-pixel signature
 * stroke survives the shrinking instead of vanishing.
 */
export function pngToMono(png: Buffer, opts: { maxWidth: number; what?: string }): MonoImage {
  let decoded: PNG;
  try {
    decoded = PNG.sync.read(png);
  } catch (e) {
    throw new ImageDecodeError(opts.what ?? '', e instanceof Error ? e.message : String(e), { cause: e });
  }
  const { width, height, data } = decoded;
  if (width < 1 || height < 1) throw new ImageDecodeError(opts.what ?? '', 'empty image');
  const factor = Math.max(1, Math.ceil(width / opts.maxWidth));
  const out = blankImage(Math.ceil(width / factor), Math.ceil(height / factor));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = data[i + 3]! / 255;
      const lum = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
      const onPaper = a * lum + (1 - a) * 255;
      if (onPaper < 128) setDot(out, Math.floor(x / factor), Math.floor(y / factor));
    }
  }
  return out;
}

/** Shrinks by a whole factor (any ink in a box keeps the dot) until the image fits `maxWidth`. */
export function shrinkToWidth(img: MonoImage, maxWidth: number): MonoImage {
  if (img.width <= maxWidth) return img;
  const factor = Math.ceil(img.width / maxWidth);
  const out = blankImage(Math.ceil(img.width / factor), Math.ceil(img.height / factor));
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (getDot(img, x, y)) setDot(out, Math.floor(x / factor), Math.floor(y / factor));
  return out;
}

/** The image placed in a band `totalWidth` dots wide, so alignment does not depend on the printer honouring ESC a for rasters. */
export function placeImage(img: MonoImage, totalWidth: number, align: 'left' | 'center' | 'right'): MonoImage {
  if (img.width >= totalWidth) return img;
  const offset = align === 'left' ? 0 : align === 'right' ? totalWidth - img.width : Math.floor((totalWidth - img.width) / 2);
  const out = blankImage(totalWidth, img.height);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) if (getDot(img, x, y)) setDot(out, x + offset, y);
  return out;
}

/** Removes white rows and columns around the ink (an empty image stays 0×0). */
export function trimImage(img: MonoImage): MonoImage {
  let minX = img.width;
  let minY = img.height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!getDot(img, x, y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return blankImage(0, 0);
  const out = blankImage(maxX - minX + 1, maxY - minY + 1);
  for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) if (getDot(img, x, y)) setDot(out, x - minX, y - minY);
  return out;
}
