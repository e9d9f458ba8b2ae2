// `npm run bench -- catalog` (issue 8): 300k generated products imported from CSV into a
// real store file, then reopened, scanned and searched. JSON lines on stdout
// (spec/bench.md); progress on stderr.
import { join } from 'node:path';
import { AuditLog } from '../../electron/audit/auditLog.js';
import { createMemberServices } from '../../electron/members/membersServices.js';
import { createSalesServices, type SalesServices } from '../../electron/sales/salesServices.js';
import { openStore, type Store } from '../../native/store/store.js';
import { makeTempDir } from '../support/tempDir.js';
import { percentile, report } from './report.js';

const PRODUCTS = Number(process.env.CATALOG_BENCH_PRODUCTS ?? 300_000);
const LOOKUPS = 20_000;
const SEARCHES = 2_000;
const OPENS = 5;

const BRANDS = '康师傅 统一 农夫山泉 可口可乐 百事 蒙牛 伊利 旺旺 乐事 好丽友 达利园 娃哈哈 雀巢 王老吉 加多宝 青岛 雪花 燕京 白象 今麦郎 三只松鼠 良品铺子 洽洽 卫龙 德芙 奥利奥 徐福记 金龙鱼 海天 老干妈 李锦记 太太乐 立白 蓝月亮 舒肤佳 高露洁 云南白药 清风 维达 心相印 光明 君乐宝 元气森林 东鹏 红牛 银鹭 重庆 长城 五粮液 汇源'.split(' ');
const GOODS = '红烧牛肉面 矿泉水 纯牛奶 酸奶 薯片 饼干 巧克力 瓜子 辣条 可乐 绿茶 冰红茶 啤酒 火腿肠 方便面 面包 蛋糕 酱油 香醋 食用油 大米 面粉 洗衣液 牙膏 香皂 纸巾 洗发水 沐浴露 饮用水 果汁 咖啡 奶茶 口香糖 糖果 坚果 牛肉干 鸭脖 豆腐干 榨菜 火锅底料 速冻水饺 汤圆 冰淇淋 雪糕 蜂蜜 红枣 枸杞 茶叶 白酒 葡萄酒 八宝粥 午餐肉 鸡蛋 挂面 米粉 豆浆 凉茶 苏打水 能量饮料 卷纸'.split(' ');
const FLAVOURS = '原味 香辣 麻辣 番茄 烧烤 孜然 草莓 香草 柠檬 蜂蜜 黑椒 海苔 芝士 椰子 抹茶 无糖 低脂 经典 加量 特浓'.split(' ');
const SPECS = '330ml 500ml 550ml 1.5L 75g 100g 250g 5kg 12包 24瓶 6连包 家庭装'.split(' ');
const CATEGORIES = '饮料 乳品 零食 方便食品 调料 粮油 日化 纸品 酒水 冷冻食品 冲调 糖果 个护 生鲜 烘焙'.split(' ');

/** A small deterministic PRNG so every run imports the same catalogue. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const barcodeOf = (i: number): string => `69${String(i * 7919 % 100_000_000_000).padStart(11, '0')}`;
const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function generateCsv(n: number): Buffer {
  const r = rng(8);
  const lines = ['条码,名称,分类,单位,售价,会员价,进价,库存,启用'];
  for (let i = 1; i <= n; i++) {
    const name = `${pick(r, BRANDS)}${pick(r, FLAVOURS)}${pick(r, GOODS)} ${pick(r, SPECS)}`;
    const price = 100 + Math.floor(r() * 20_000);
    const member = r() < 0.3 ? yuan(Math.floor(price * 0.9)) : '';
    const barcodes = r() < 0.05 ? `${barcodeOf(i)}|${barcodeOf(i + n)}` : barcodeOf(i);
    lines.push(`${barcodes},${name},${pick(r, CATEGORIES)},${pick(r, ['个', '瓶', '袋', '盒', '包'])},${yuan(price)},${member},${yuan(Math.floor(price * 0.6))},${Math.floor(r() * 500)},1`);
  }
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

function services(store: Store): SalesServices {
  const audit = new AuditLog(store.db);
  const { members, clock } = createMemberServices({ db: store.db, audit });
  return createSalesServices({ db: store.db, audit, members, clock });
}

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const log = (s: string): void => {
  process.stderr.write(s + '\n');
};

export async function run(): Promise<void> {
  const tmp = makeTempDir('cashdesk-bench-catalog-');
  const path = join(tmp.dir, 'catalog.db');
  try {
    log(`generating ${PRODUCTS} products…`);
    const csv = generateCsv(PRODUCTS);

    let store = openStore(path);
    let s = services(store);
    log(`importing ${(csv.length / 1e6).toFixed(1)} MB of CSV…`);
    let t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const result = s.catalog.importCsv({ content: csv, operatorId: '99' });
    const importMs = ms(t0);
    const cpu = process.cpuUsage(cpu0);
    if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
    // CPU time beside wall time: on a shared machine the gap is time spent waiting.
    log(`imported ${result.created} in ${importMs.toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`);
    report({ bench: 'catalog', metric: 'csv_import_rows_per_s', value: (PRODUCTS / importMs) * 1000, unit: '1/s', goal: '>=50000', n: PRODUCTS });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();

    // Open: the store (pragmas, quick_check, migrations check), the services' prepared
    // statements, and the first scan answered.
    const opens: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      t0 = process.hrtime.bigint();
      store = openStore(path);
      s = services(store);
      if (!s.catalog.lookupBarcode(barcodeOf(1))) throw new Error('first lookup found nothing');
      opens.push(ms(t0));
      if (i < OPENS - 1) store.close();
    }
    opens.sort((a, b) => a - b);
    log(`open: ${opens.map((o) => o.toFixed(0)).join(', ')} ms`);
    report({ bench: 'catalog', metric: 'open_300k', value: percentile(opens, 50), unit: 'ms', goal: '<1000', n: OPENS });

    const r = rng(99);
    const lookups: number[] = [];
    let found = 0;
    for (let i = 0; i < LOOKUPS; i++) {
      const code = r() < 0.95 ? barcodeOf(1 + Math.floor(r() * PRODUCTS)) : `0${Math.floor(r() * 1e12)}`;
      t0 = process.hrtime.bigint();
      if (s.catalog.lookupBarcode(code)) found++;
      lookups.push(ms(t0));
    }
    lookups.sort((a, b) => a - b);
    log(`lookups: ${found}/${LOOKUPS} found`);
    report({ bench: 'catalog', metric: 'barcode_lookup_p50', value: percentile(lookups, 50), unit: 'ms', goal: '<1', n: LOOKUPS });
    report({ bench: 'catalog', metric: 'barcode_lookup_p99', value: percentile(lookups, 99), unit: 'ms', goal: '<1', n: LOOKUPS });

    // What a cashier types: a word of a name, a brand, two words, pinyin initials of a
    // product, a size, the start of a barcode.
    const initialsOf = store.db.prepare('SELECT pinyin_initials FROM products WHERE id = ?').pluck();
    const queries: string[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const k = i % 6;
      if (k === 0) queries.push(pick(r, GOODS).slice(0, 2 + Math.floor(r() * 2)));
      else if (k === 1) queries.push(pick(r, BRANDS));
      else if (k === 2) queries.push(`${pick(r, BRANDS)} ${pick(r, GOODS)}`);
      else if (k === 3) queries.push((initialsOf.get(1 + Math.floor(r() * PRODUCTS)) as string).slice(0, 2 + Math.floor(r() * 4)));
      else if (k === 4) queries.push(pick(r, ['330', '500ml', '1.5', '75g', '250', '12']));
      else queries.push(barcodeOf(1 + Math.floor(r() * PRODUCTS)).slice(0, 6 + Math.floor(r() * 4)));
    }
    const searches: number[] = [];
    let hits = 0;
    for (const query of queries) {
      t0 = process.hrtime.bigint();
      hits += s.catalog.search({ query, limit: 20 }).length;
      searches.push(ms(t0));
    }
    searches.sort((a, b) => a - b);
    log(`searches: ${(hits / SEARCHES).toFixed(1)} results on average; slowest ${searches.at(-1)!.toFixed(2)} ms`);
    report({ bench: 'catalog', metric: 'search_p50', value: percentile(searches, 50), unit: 'ms', goal: '<20', n: SEARCHES });
    report({ bench: 'catalog', metric: 'search_p99', value: percentile(searches, 99), unit: 'ms', goal: '<20', n: SEARCHES });

    report({ bench: 'catalog', metric: 'rss_mb', value: process.memoryUsage().rss / 1024 / 1024, unit: 'MB' });
    store.close();
  } finally {
    if (process.env.CATALOG_BENCH_KEEP) log(`kept ${path}`);
    else tmp.cleanup();
  }
}
