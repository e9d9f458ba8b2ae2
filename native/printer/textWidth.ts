// Column arithmetic for receipt text. On an ESC/POS printer in Chinese (Kanji) mode every
// character sent as one byte (ASCII) takes one column of Font A (12 dots) and every
// character sent as a multi-byte GB18030 sequence is drawn from the 24×24 Hanzi font
// and takes two. So the printed width of a character is its encoded length class, not
// a Unicode East-Asian-width table: '·' (GBK A1A4) is two columns on paper.

/** Characters a receipt printer's GBK font has and GB18030 would send as 4 bytes: printed as the GBK look-alike. */
const PRINTER_SUBSTITUTES: Readonly<Record<string, string>> = {
  '\u00a5': '\uffe5', // ¥ → ￥ (GB2312 A3A4); U+00A5 is a 4-byte GB18030 code most printer fonts lack
};

/**
 * The text as it will be sent: control characters (which would be taken as commands: a
 * product name holding ESC must not reach the printer as ESC) become spaces, and the
 * yen sign becomes the full-width one the printer's font has.
 */
export function printableText(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) out += ' ';
    else out += PRINTER_SUBSTITUTES[ch] ?? ch;
  }
  return out;
}

/** Columns one character takes on paper (after printableText). */
export function charColumns(ch: string): 1 | 2 {
  return ch.codePointAt(0)! < 0x80 ? 1 : 2;
}

/** Columns a string takes on paper (after printableText). */
export function printWidth(s: string): number {
  let n = 0;
  for (const ch of printableText(s)) n += charColumns(ch);
  return n;
}

/** Splits into tokens that wrap as units: ASCII words, single spaces, single wide characters. */
function tokens(s: string): string[] {
  // After printableText there are no control characters: anything outside space..tilde is a wide character.
  return s.match(/[!-~]+| |[^ -~]/gu) ?? [];
}

/**
 * Greedy wrap to `columns`. ASCII words stay whole unless longer than a line; a wide
 * character is never split across lines; spaces at the start of a wrapped line are dropped.
 * Always at least one line (an empty string prints an empty line).
 */
export function wrapText(text: string, columns: number): string[] {
  if (columns < 2) throw new RangeError(`columns must be ≥ 2, got ${columns}`);
  const lines: string[] = [];
  for (const para of printableText(text).split('\n')) {
    let line = '';
    let w = 0;
    let wrapped = false;
    const flush = (): void => {
      lines.push(line.replace(/ +$/, ''));
      line = '';
      w = 0;
      wrapped = true;
    };
    for (const tok of tokens(para)) {
      const tw = printWidth(tok);
      if (tok === ' ' && w === 0 && wrapped) continue;
      if (w + tw <= columns) {
        line += tok;
        w += tw;
        continue;
      }
      if (tok === ' ') {
        flush();
        continue;
      }
      if (w > 0 && tw <= columns) {
        flush();
        line = tok;
        w = tw;
        continue;
      }
      // A word longer than the space left: split it by characters.
      for (const ch of tok) {
        const cw = charColumns(ch);
        if (w + cw > columns) flush();
        line += ch;
        w += cw;
      }
    }
    lines.push(line.replace(/ +$/, ''));
  }
  return lines;
}

/** `left … right` on one line of `columns`, or left then right-aligned right when both do not fit. */
export function pairLines(left: string, right: string, columns: number): string[] {
  const l = printableText(left);
  const r = printableText(right);
  const lw = printWidth(l);
  const rw = printWidth(r);
  if (lw + 1 + rw <= columns) return [l + ' '.repeat(columns - lw - rw) + r];
  const out = l === '' ? [] : wrapText(l, columns);
  for (const line of wrapText(r, columns)) out.push(' '.repeat(columns - printWidth(line)) + line);
  return out;
}

/** Pads or wraps to place text at an alignment inside `columns` (for table cells). */
export function padTo(s: string, columns: number, align: 'left' | 'right' | 'center'): string {
  const w = printWidth(s);
  if (w >= columns) return s;
  const gap = columns - w;
  if (align === 'left') return s + ' '.repeat(gap);
  if (align === 'right') return ' '.repeat(gap) + s;
  const l = Math.floor(gap / 2);
  return ' '.repeat(l) + s + ' '.repeat(gap - l);
}
