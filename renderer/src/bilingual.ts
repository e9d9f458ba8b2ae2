// Every message from main is "中文 / English" (native/errors.ts). Show the half that
// matches the language; fall back to the whole text when it has no recognisable halves.

const CJK = /[\u3400-\u9fff]/;

export interface Bilingual {
  zh: string;
  en: string;
}

export function splitBilingual(message: string): Bilingual {
  // The last " / " whose right side has no Chinese: the Chinese half may itself quote
  // a "zh / en" detail (payments.finish wraps the link error that way).
  let at = -1;
  let from = message.length;
  while (from > 0) {
    const i = message.lastIndexOf(' / ', from - 1);
    if (i < 0) break;
    const left = message.slice(0, i);
    const right = message.slice(i + 3);
    if (CJK.test(left) && !CJK.test(right)) {
      at = i;
      break;
    }
    from = i;
  }
  if (at < 0) return { zh: message, en: message };
  return { zh: message.slice(0, at).trim(), en: message.slice(at + 3).trim() };
}

export function inLanguage(message: string, language: string): string {
  const b = splitBilingual(message);
  return language.startsWith('en') ? b.en : b.zh;
}
