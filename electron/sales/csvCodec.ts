// CSV as spreadsheets write it (RFC 4180: comma, double quotes, "" inside quotes, CRLF or
// LF), in UTF-8 or in GBK — Excel on a Chinese Windows saves "CSV" in the ANSI code page,
// which is GBK (CP936). Used by the product import/export and the report exports.
import iconv from 'iconv-lite';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
}

export type DecodedEncoding = 'utf8' | 'gbk';

/**
 * Bytes → text. 'auto' takes a UTF-8 BOM or valid UTF-8 as UTF-8 and anything else as GBK:
 * GBK text is almost never valid UTF-8, while UTF-8 text is often "valid" GBK, so the
 * strict UTF-8 attempt has to come first. GB18030 is decoded as a superset of GBK.
 */
export function decodeCsv(bytes: Uint8Array, encoding: 'auto' | 'utf8' | 'gbk'): { text: string; encoding: DecodedEncoding } {
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'utf8' || hasBom) return { text: new TextDecoder('utf-8').decode(hasBom ? bytes.subarray(3) : bytes), encoding: 'utf8' };
  if (encoding === 'auto') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
    } catch {
      // not UTF-8: fall through to GBK
    }
  }
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gbk' };
}

/** Text → bytes: UTF-8 with a BOM (so Excel recognises it), or GBK for older Excel. */
export function encodeCsv(text: string, encoding: 'utf8' | 'gbk'): Buffer {
  if (encoding === 'gbk') return iconv.encode(text, 'gb18030');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Parses the whole text; blank lines are skipped. A quote left open runs to the end of the text. */
export function parseCsv(text: string): CsvRecord[] {
  return [...csvRecords(text)];
}

/** One record at a time, so a 300k-line import never holds every row at once. */
export function* csvRecords(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    // One record.
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            value += text.slice(i);
            line += countNewlines(text, i, n);
            i = n;
            break;
          }
          value += text.slice(i, q);
          line += countNewlines(text, i, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept, as spreadsheets do.
        const end = nextSeparator(text, i);
        value += text.slice(i, end);
        fields.push(value);
        i = end;
      } else {
        const end = nextSeparator(text, i);
        fields.push(text.slice(i, end));
        i = end;
      }
      if (i < n && text.charCodeAt(i) === 44 /* , */) {
        i++;
        continue;
      }
      break;
    }
    // End of record: \r\n, \n, \r or end of text.
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    line++;
    if (!(fields.length === 1 && fields[0]!.trim() === '')) yield { line: startLine, fields };
  }
}

function nextSeparator(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 44 || c === 10 || c === 13) return j;
  }
  return text.length;
}

function countNewlines(text: string, from: number, to: number): number {
  let k = 0;
  for (let j = text.indexOf('\n', from); j !== -1 && j < to; j = text.indexOf('\n', j + 1)) k++;
  return k;
}

function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Rows → CSV text with CRLF line ends (what Excel writes and expects). */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  return rows.map((r) => r.map((f) => quote(f === null ? '' : String(f))).join(',')).join('\r\n') + '\r\n';
}
