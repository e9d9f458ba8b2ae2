import QRCode from 'qrcode';
import { bytesPerRow, type MonoImage } from './raster.js';

/**
 * A QR code as a raster picture (issue 9: "the e-slip's … QR as raster images"), for the
 * many counter printers whose firmware has no QR engine (GS ( k). Error correction M,
 * a 4-module quiet zone, each module `moduleDots` square.
 */
export function qrImage(data: string, moduleDots = 5): MonoImage {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const modules = size + 2 * quiet;
  const width = modules * moduleDots;
  const stride = bytesPerRow(width);
  const out = new Uint8Array(stride * width);
  for (let my = 0; my < size; my++) {
    for (let mx = 0; mx < size; mx++) {
      if (!qr.modules.get(my, mx)) continue;
      for (let dy = 0; dy < moduleDots; dy++) {
        const y = (my + quiet) * moduleDots + dy;
        for (let dx = 0; dx < moduleDots; dx++) {
          const x = (mx + quiet) * moduleDots + dx;
          out[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
        }
      }
    }
  }
  return { width, height: width, data: out };
}
