import { createRequire } from 'node:module';
import type { MonoImage } from '../../native/printer/raster.js';

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = createRequire(import.meta.url)('jsqr') as JsQr | { default: JsQr };
const decode: JsQr = typeof jsQR === 'function' ? jsQR : jsQR.default;

/** What a phone camera would read off the paper: a printed picture decoded as a QR code. */
export function scanQr(img: MonoImage): string | null {
  const stride = Math.ceil(img.width / 8);
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const ink = ((img.data[y * stride + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      const o = (y * img.width + x) * 4;
      rgba[o] = rgba[o + 1] = rgba[o + 2] = ink ? 0 : 255;
      rgba[o + 3] = 255;
    }
  }
  return decode(rgba, img.width, img.height)?.data ?? null;
}
