// How a product name becomes searchable, and how what the cashier types becomes a query.
//
// Names are indexed in FTS5 (0010-catalog.ts) as a list of terms: every Han character on
// its own, and every run of other letters or digits as one word. A query is then a phrase
// of the same terms: 可乐 finds 百事可乐 and 可口可乐 (the terms 可 乐 side by side anywhere),
// and so does any other run of characters of any length — with index probes, not a scan,
// and down to one or two characters, where a trigram index cannot help. Pinyin initials (助记码) are matched by prefix on a plain index.
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const TERM = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/** Full-width letters and digits (ＡＢＣ１２３) fold to ASCII; case folds to lower. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

export function searchTerms(name: string): string[] {
  return normalise(name).match(TERM) ?? [];
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
    const terms = word.match(TERM);
    if (!terms || terms.length === 0) continue;
    const last = terms[terms.length - 1]!;
    phrases.push(`"${terms.join(' ')}"${HAN.test(last) ? '' : '*'}`);
  }
  return phrases.length ? phrases.join(' AND ') : null;
}

/**
 * 助记码: the first letter of each Han character's pinyin, read in context by pinyin-pro
 * (重庆 → cq, 银行 → yh, not zq / yx), plus the first letter of each Latin word; digits and
 * signs are left out. "可口可乐 330ml" → "kkklm".
 */
export function pinyinInitials(name: string): string {
  const chars = Array.from(normalise(name));
  if (!chars.some((c) => HAN.test(c))) return latinInitials(chars, () => undefined);
  const firsts = pinyin(chars.join(''), { pattern: 'first', toneType: 'none', type: 'array', toneSandhi: false });
  // pinyin-pro gives one entry per character; if a future version does not, read each
  // character on its own rather than shift every letter after the mismatch.
  const at = firsts.length === chars.length ? (i: number) => firsts[i] : (i: number) => pinyin(chars[i]!, { pattern: 'first', toneType: 'none' });
  return latinInitials(chars, at);
}

function latinInitials(chars: string[], hanFirst: (i: number) => string | undefined): string {
  let out = '';
  let inWord = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (HAN.test(c)) {
      const f = hanFirst(i)?.toLowerCase() ?? '';
      if (/^[a-z]$/.test(f)) out += f;
      inWord = false;
    } else if (c >= 'a' && c <= 'z') {
      if (!inWord) out += c;
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return out;
}

/** What kind of text the cashier typed decides which indexes to ask. */
export function queryKind(query: string): 'initials' | 'digits' | 'text' {
  const q = normalise(query).trim();
  if (/^[a-z]+$/.test(q)) return 'initials';
  if (/^\d+$/.test(q)) return 'digits';
  return 'text';
}
