// A font with Chinese glyphs for the PDF reports. PDF's built-in fonts have none, so a
// system font is embedded: WenQuanYi Micro Hei on Debian (fonts-wqy-microhei), Microsoft
// YaHei on Windows, PingFang on macOS — or the path the shop configured.
import { existsSync, readFileSync } from 'node:fs';
import { CashdeskError } from '../../native/errors.js';

export class ReportFontError extends CashdeskError {}

export const CJK_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
  'C:\\Windows\\Fonts\\simsun.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Light.ttc',
];

export interface CjkFont {
  path: string;
  /** The face to use inside a collection (.ttc); null for a single-font file. */
  postscriptName: string | null;
}

/**
 * The configured font, or the first candidate present. A configured path that is missing
 * is an error of its own (the shop asked for that font); so is finding none at all.
 */
export function findCjkFont(configured?: { path?: string | undefined; name?: string | undefined }, candidates: readonly string[] = CJK_FONT_CANDIDATES): CjkFont {
  if (configured?.path) {
    if (!existsSync(configured.path)) {
      throw new ReportFontError('REPORT_FONT_MISSING', `找不到设置的中文字体文件 ${configured.path}。请检查路径，或清空该设置以使用系统字体。`, `The configured Chinese font ${configured.path} does not exist. Check the path, or clear the setting to use a system font.`);
    }
    return { path: configured.path, postscriptName: configured.name ?? firstFaceName(configured.path) };
  }
  const path = candidates.find((p) => existsSync(p));
  if (!path) {
    throw new ReportFontError(
      'REPORT_FONT_MISSING',
      `找不到可用于 PDF 报表的中文字体（已查找：${candidates.join('、')}）。请安装文泉驿微米黑（Debian/Ubuntu：sudo apt install fonts-wqy-microhei），或在设置中指定一个中文字体文件（.ttf/.ttc）。`,
      `No Chinese font found for PDF reports (looked for: ${candidates.join(', ')}). Install WenQuanYi Micro Hei (Debian/Ubuntu: sudo apt install fonts-wqy-microhei), or set the path of a Chinese font file (.ttf/.ttc) in the settings.`,
    );
  }
  return { path, postscriptName: configured?.name ?? firstFaceName(path) };
}

/**
 * The PostScript name of the first face of a TrueType/OpenType collection (pdfkit needs it
 * to pick a face out of a .ttc), read from the collection header and that face's 'name'
 * table; null for a single-font file.
 */
export function firstFaceName(path: string): string | null {
  const buf = readFileSync(path);
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== 'ttcf') return null;
  const numFonts = buf.readUInt32BE(8);
  if (numFonts === 0) return null;
  const sfnt = buf.readUInt32BE(12);
  const numTables = buf.readUInt16BE(sfnt + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = sfnt + 12 + i * 16;
    if (buf.toString('latin1', rec, rec + 4) !== 'name') continue;
    const table = buf.readUInt32BE(rec + 8);
    const count = buf.readUInt16BE(table + 2);
    const strings = table + buf.readUInt16BE(table + 4);
    let mac: string | null = null;
    for (let j = 0; j < count; j++) {
      const r = table + 6 + j * 12;
      const platform = buf.readUInt16BE(r);
      const nameId = buf.readUInt16BE(r + 6);
      if (nameId !== 6) continue;
      const len = buf.readUInt16BE(r + 8);
      const off = strings + buf.readUInt16BE(r + 10);
      if (platform === 3 || platform === 0) return Buffer.from(buf.subarray(off, off + len)).swap16().toString('utf16le');
      if (platform === 1) mac = buf.toString('latin1', off, off + len);
    }
    return mac;
  }
  return null;
}
