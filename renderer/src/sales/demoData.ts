// The demo catalogue and members of the local sales adapter: what the counter sells
// until the product./member. channels reach the contract. Barcodes are valid EAN-13
// in a range no real product uses (692000…), so a scan of a real item is "not found".
import type { MemberView, ProductView } from './salesTypes.js';

export const DEMO_PRODUCTS: readonly ProductView[] = [
  { id: 1, barcodes: ['6920000100019'], name: '可口可乐 330ml', pinyinInitials: 'kkkl', category: '饮料', unit: '罐', priceFen: 300, memberPriceFen: null, stock: 120, active: true },
  { id: 2, barcodes: ['6920000100026'], name: '农夫山泉 550ml', pinyinInitials: 'nfsq', category: '饮料', unit: '瓶', priceFen: 200, memberPriceFen: null, stock: 120, active: true },
  { id: 3, barcodes: ['6920000100033'], name: '康师傅红烧牛肉面', pinyinInitials: 'ksfhsnrm', category: '方便食品', unit: '袋', priceFen: 450, memberPriceFen: null, stock: 120, active: true },
  { id: 4, barcodes: ['6920000100040'], name: '统一冰红茶 500ml', pinyinInitials: 'tybhc', category: '饮料', unit: '瓶', priceFen: 300, memberPriceFen: null, stock: 120, active: true },
  { id: 5, barcodes: ['6920000100057'], name: '旺仔牛奶 245ml', pinyinInitials: 'wznn', category: '乳品', unit: '罐', priceFen: 450, memberPriceFen: 400, stock: 120, active: true },
  { id: 6, barcodes: ['6920000100064'], name: '乐事薯片 原味 70g', pinyinInitials: 'lssp', category: '休闲食品', unit: '袋', priceFen: 750, memberPriceFen: null, stock: 120, active: true },
  { id: 7, barcodes: ['6920000100071'], name: '奥利奥饼干 97g', pinyinInitials: 'alabg', category: '休闲食品', unit: '盒', priceFen: 890, memberPriceFen: null, stock: 120, active: true },
  { id: 8, barcodes: ['6920000100088'], name: '德芙巧克力 43g', pinyinInitials: 'dfqkl', category: '休闲食品', unit: '块', priceFen: 990, memberPriceFen: null, stock: 120, active: true },
  { id: 9, barcodes: ['6920000100095'], name: '伊利纯牛奶 250ml', pinyinInitials: 'ylcnn', category: '乳品', unit: '盒', priceFen: 350, memberPriceFen: null, stock: 120, active: true },
  { id: 10, barcodes: ['6920000100101'], name: '蒙牛酸酸乳 250ml', pinyinInitials: 'mnssr', category: '乳品', unit: '盒', priceFen: 300, memberPriceFen: null, stock: 120, active: true },
  { id: 11, barcodes: ['6920000100118'], name: '双汇王中王火腿肠', pinyinInitials: 'shwzwhtc', category: '方便食品', unit: '根', priceFen: 250, memberPriceFen: null, stock: 120, active: true },
  { id: 12, barcodes: ['6920000100125'], name: '青岛啤酒 500ml', pinyinInitials: 'qdpj', category: '酒水', unit: '罐', priceFen: 600, memberPriceFen: null, stock: 120, active: true },
  { id: 13, barcodes: ['6920000100132'], name: '雪碧 330ml', pinyinInitials: 'xb', category: '饮料', unit: '罐', priceFen: 300, memberPriceFen: null, stock: 120, active: true },
  { id: 14, barcodes: ['6920000100149'], name: '红牛 250ml', pinyinInitials: 'hn', category: '饮料', unit: '罐', priceFen: 600, memberPriceFen: null, stock: 120, active: true },
  { id: 15, barcodes: ['6920000100156'], name: '绿箭口香糖', pinyinInitials: 'ljkxt', category: '休闲食品', unit: '条', priceFen: 200, memberPriceFen: null, stock: 120, active: true },
  { id: 16, barcodes: ['6920000100163'], name: '维达抽纸 3包', pinyinInitials: 'wdcz', category: '日用品', unit: '提', priceFen: 1290, memberPriceFen: 1190, stock: 120, active: true },
  { id: 17, barcodes: ['6920000100170'], name: '舒肤佳香皂 115g', pinyinInitials: 'sfjxz', category: '日用品', unit: '块', priceFen: 550, memberPriceFen: null, stock: 120, active: true },
  { id: 18, barcodes: ['6920000100187'], name: '中华牙膏 140g', pinyinInitials: 'zhyg', category: '日用品', unit: '支', priceFen: 980, memberPriceFen: null, stock: 120, active: true },
  { id: 19, barcodes: ['6920000100194'], name: '金龙鱼大米 5kg', pinyinInitials: 'jlydm', category: '粮油', unit: '袋', priceFen: 3990, memberPriceFen: 3690, stock: 120, active: true },
  { id: 20, barcodes: ['6920000100200'], name: '鲁花花生油 1L', pinyinInitials: 'lhhsy', category: '粮油', unit: '瓶', priceFen: 2990, memberPriceFen: null, stock: 120, active: true },
];

export const DEMO_MEMBERS: readonly MemberView[] = [
  { id: 1, phone: '13800138000', name: '张三', cardNo: '88000001', tier: { code: 'gold', name: '金卡' }, points: 1280, storedValueFen: 25_000, cumulativeSpendFen: 520_000, status: 'active' },
  { id: 2, phone: '13912345678', name: '李四', cardNo: null, tier: { code: 'normal', name: '普通会员' }, points: 96, storedValueFen: 0, cumulativeSpendFen: 12_800, status: 'active' },
];
