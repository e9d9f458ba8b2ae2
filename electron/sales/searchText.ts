// How a product name becomes searchable, and how what the cashier types becomes a query.
//
// Names are indexed in FTS5 (0010-catalog.ts) as a list of terms: every Han character on
// its own, and every run of other letters or digits as one word. A query is then a phrase
// of the same terms: 可乐 finds 百事可乐 and 可口可乐 (the terms 可 乐 side by side anywhere),
// and so does any other run of characters of any length — with index probes, not a scan,
// and down to one or two characters, where a trigram index cannot help. Pinyin initials
// (助记码) are matched by prefix on a plain index.
//
// A 300k-product import computes both keys for every name, so they come from one pass
// over the characters rather than from several regular expressions.
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Full-width letters and digits (ＡＢＣ１２３) fold to ASCII; case folds to lower. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

// The common CJK block answers without a regular expression; anything else above U+2E80
// (radicals, extensions, 〇, 々) is asked of the Unicode property.
function isHan(c: string, code: number): boolean {
  if (code >= 0x4e00 && code <= 0x9fff) return true;
  return code >= 0x2e80 && HAN.test(c);
}

function isWordChar(c: string, code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return LETTER_OR_DIGIT.test(c);
}

interface Scan {
  terms: string[];
  /** Per term: whether it is a single Han character. */
  han: boolean[];
}

/** Splits normalised text into terms: each Han character alone, other letter/digit runs whole. */
function scan(text: string): Scan {
  const terms: string[] = [];
  const han: boolean[] = [];
  let word = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (isHan(c, code)) {
      if (word) {
        terms.push(word);
        han.push(false);
        word = '';
      }
      terms.push(c);
      han.push(true);
    } else if (isWordChar(c, code)) {
      word += c;
    } else if (word) {
      terms.push(word);
      han.push(false);
      word = '';
    }
  }
  if (word) {
    terms.push(word);
    han.push(false);
  }
  return { terms, han };
}

export function searchTerms(name: string): string[] {
  return scan(normalise(name)).terms;
}

/** The FTS5 document for a name: its terms separated by spaces. */
export function searchDocument(name: string): string {
  return searchTerms(name).join(' ');
}

/**
 * The FTS5 MATCH expression for what was typed: each space-separated word is a phrase of
 * its terms, the words are ANDed, and a word ending in Latin letters or digits matches
 * as a prefix (typing "coc" finds "Coca-Cola"). Terms are letters and digits only, so
 * nothing in them can break out of the quotes. Returns null when nothing is searchable.
 */
export function matchExpression(query: string): string | null {
  const phrases: string[] = [];
  for (const word of normalise(query).split(/\s+/)) {
    const { terms, han } = scan(word);
    if (terms.length === 0) continue;
    phrases.push(`"${terms.join(' ')}"${han[han.length - 1] ? '' : '*'}`);
  }
  return phrases.length ? phrases.join(' AND ') : null;
}

/**
 * 助记码: the first letter of each Han character's pinyin, read in context by pinyin-pro
 * (重庆 → cq, 银行 → yh, not zq / yx), plus the first letter of each Latin word; digits and
 * signs are left out. "可口可乐 330ml" → "kkklm".
 */
export function pinyinInitials(name: string): string {
  return searchKeys(name).initials;
}

/** Both keys of a name in one pass: the FTS5 document and the pinyin initials. */
export function searchKeys(name: string): { initials: string; document: string } {
  const text = normalise(name);
  let document = '';
  let initials = '';
  let runStart = -1; // where the current run of Han characters began
  let inWord = false; // inside a run of letters/digits (one FTS term)
  let inLatin = false; // inside a run of a-z (one initial)
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const c = width === 1 ? text[i]! : text.slice(i, i + 2);
    if (isHan(c, code)) {
      if (runStart < 0) runStart = i;
      document += document ? ' ' + c : c;
      inWord = inLatin = false;
    } else {
      if (runStart >= 0) {
        initials += runInitials(text.slice(runStart, i));
        runStart = -1;
      }
      if (isWordChar(c, code)) {
        document += inWord || !document ? c : ' ' + c;
        inWord = true;
        if (code >= 0x61 && code <= 0x7a) {
          if (!inLatin) initials += c;
          inLatin = true;
        } else inLatin = false;
      } else inWord = inLatin = false;
    }
    i += width;
  }
  if (runStart >= 0) initials += runInitials(text.slice(runStart));
  return { initials, document };
}

// Reading a name in context is pinyin-pro's slow part (a dictionary segmentation, ~5-10 µs a
// name): a 300k-product import would spend seconds on it. Most characters have readings
// that all start with the same letter (奶 nai, 可 ke, 和 he/huo/hu), and for those the
// context cannot change the initial, so they come from a per-character cache; only a run
// of Han characters holding one whose readings differ (乐 le/yue, 重 zhong/chong, 行 xing/hang)
// goes to pinyin-pro whole. Runs are read on their own: anything not Han ends a word.
const charInitial = new Map<string, string | null>();
const CHAR_CACHE_LIMIT = 50_000;

function initialOfChar(c: string): string | null {
  let f = charInitial.get(c);
  if (f === undefined) {
    const all = new Set(pinyin(c, { pattern: 'first', toneType: 'none', type: 'array', multiple: true }).map((x) => x.toLowerCase()));
    f = all.size === 1 ? [...all][0]! : null;
    if (f !== null && !/^[a-z]$/.test(f)) f = '';
    if (charInitial.size >= CHAR_CACHE_LIMIT) charInitial.clear();
    charInitial.set(c, f);
  }
  return f;
}

// Names repeat their Han runs across sizes and flavours (可口可乐 330ml / 500ml / 1.25L), so
// each run's initials are remembered too. Both caches are bounded: a long-running app
// importing many catalogues never grows them past a few MB.
const runCache = new Map<string, string>();
const RUN_CACHE_LIMIT = 100_000;

function runInitials(run: string): string {
  const cached = runCache.get(run);
  if (cached !== undefined) return cached;
  let letters = '';
  let ambiguous = false;
  for (const c of run) {
    const f = initialOfChar(c);
    if (f === null) {
      ambiguous = true;
      break;
    }
    letters += f;
  }
  if (ambiguous) {
    const chars = Array.from(run);
    const read = pinyin(run, { pattern: 'first', toneType: 'none', type: 'array', toneSandhi: false });
    // pinyin-pro gives one entry per character; if a future version does not, fall back to
    // each character's first reading rather than shift every letter after the mismatch.
    const firsts = read.length === chars.length ? read : chars.map((c) => pinyin(c, { pattern: 'first', toneType: 'none' }));
    letters = firsts.map((f) => f.toLowerCase()).filter((l) => /^[a-z]$/.test(l)).join('');
  }
  if (runCache.size >= RUN_CACHE_LIMIT) runCache.clear();
  runCache.set(run, letters);
  return letters;
}

/** What kind of text the cashier typed decides which indexes to ask. */
export function queryKind(query: string): 'initials' | 'digits' | 'text' {
  const q = normalise(query).trim();
  if (/^[a-z]+$/.test(q)) return 'initials';
  if (/^\d+$/.test(q)) return 'digits';
  return 'text';
}
