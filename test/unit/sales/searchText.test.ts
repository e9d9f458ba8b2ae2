import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { matchExpression, pinyinInitials, queryKind, searchDocument } from '../../../electron/sales/searchText.js';

describe('search text', () => {
  it('pinyin initials read polyphones in context (重庆 cq, 银行 yh, 长城 cc) and keep Latin word starts', () => {
    expect(pinyinInitials('重庆火锅底料')).toBe('cqhgdl');
    expect(pinyinInitials('中国银行卡')).toBe('zgyhk');
    expect(pinyinInitials('长城干红')).toBe('ccgh');
    expect(pinyinInitials('可口可乐 330ml')).toBe('kkklm');
    expect(pinyinInitials('Coca-Cola 零度')).toBe('ccld');
    expect(pinyinInitials('ＡＢＣ牛奶')).toBe('ann');
  });

  it('indexes each Han character as a term and Latin/digit runs as words', () => {
    expect(searchDocument('农夫山泉 550ML')).toBe('农 夫 山 泉 550ml');
    expect(searchDocument('Coca-Cola零度')).toBe('coca cola 零 度');
  });

  it('turns what was typed into a phrase query that cannot break out of its quotes', () => {
    expect(matchExpression('可乐')).toBe('"可 乐"');
    expect(matchExpression('农夫 550')).toBe('"农 夫" AND "550"*');
    expect(matchExpression('coca") OR (x')).toBe('"coca"* AND "or"* AND "x"*');
    expect(matchExpression('*"()')).toBeNull();
  });

  it('picks the index by what was typed', () => {
    expect(queryKind('kkkl')).toBe('initials');
    expect(queryKind('6901')).toBe('digits');
    expect(queryKind('可乐')).toBe('text');
  });
});

describe('the initials caches give what pinyin-pro reads in context', () => {
  it('for names full of polyphones (银行长条面包: 行 hang, 长 chang) and mixed scripts', () => {
    // pinyin-pro on each run of Han characters (a run is the context; anything else ends it).
    const reference = (name: string): string => {
      let out = '';
      for (const part of name.normalize('NFKC').toLowerCase().match(/\p{Script=Han}+|[a-z]+|[^\p{Script=Han}a-z]+/gu) ?? []) {
        if (/\p{Script=Han}/u.test(part)) out += pinyin(part, { pattern: 'first', toneType: 'none', type: 'array', toneSandhi: false }).filter((l) => /^[a-z]$/.test(l)).join('');
        else if (/^[a-z]/.test(part)) out += part[0];
      }
      return out;
    };
    const brands = ['重庆', '长城', '乐事', '银行', '统一', '可口可乐', '音乐', '朝阳', '调味', '行军'];
    const goods = ['火锅底料', '干红', '薯片', '卡套', '冰红茶', '快乐水', '盒', '食用油', '料理包', '长条面包'];
    expect(pinyinInitials('银行长条面包')).toBe('yhctmb');
    const names = brands.flatMap((b) => goods.map((g) => `${b}${g} 250g`)).concat(['〇号电池', '𠀀字', 'café 拿铁', '3M口罩', 'iPhone数据线']);
    for (const n of names) expect(pinyinInitials(n), n).toBe(reference(n));
  });
});
