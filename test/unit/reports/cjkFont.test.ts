import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCjkFont, firstFaceName, ReportFontError } from '../../../electron/reports/cjkFont.js';

const WQY = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

describe('the Chinese font for PDF reports', () => {
  it('says clearly, in both languages, that no font was found and how to fix it', () => {
    let err: unknown;
    try {
      findCjkFont(undefined, ['/nonexistent/a.ttc', 'C:\\nowhere\\msyh.ttc']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReportFontError);
    const e = err as ReportFontError;
    expect(e.code).toBe('REPORT_FONT_MISSING');
    expect(e.zh).toMatch(/找不到.*中文字体.*fonts-wqy-microhei/);
    expect(e.en).toMatch(/No Chinese font found.*fonts-wqy-microhei/);
  });

  it('a configured font path that does not exist is an error, not a silent fallback', () => {
    expect(() => findCjkFont({ path: '/nonexistent/custom.ttf' })).toThrow(/找不到设置的中文字体文件.*configured Chinese font/s);
  });

  it.skipIf(!existsSync(WQY))('reads the face name out of a .ttc collection (WenQuanYi on Debian)', () => {
    expect(firstFaceName(WQY)).toBe('WenQuanYiMicroHei');
    expect(findCjkFont(undefined, ['/nonexistent.ttc', WQY])).toEqual({ path: WQY, postscriptName: 'WenQuanYiMicroHei' });
  });
});
