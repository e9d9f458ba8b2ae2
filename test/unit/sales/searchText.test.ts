import { describe, expect, it } from 'vitest';
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
