// The training demo catalogue and members (培训模式): what a trainee sells on a fresh
// training database. The Products and Members screens load them on request, through
// product.create and member.create, in training mode only. Barcodes are valid EAN-13 in
// a range no real product uses (692000…).

export interface DemoProduct {
  barcodes: string[];
  name: string;
  category: string;
  unit: string;
  priceFen: number;
  memberPriceFen: number | null;
  openingStock: number;
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { barcodes: ['6920000100019'], name: '可口可乐 330ml', category: '饮料', unit: '罐', priceFen: 300, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100026'], name: '农夫山泉 550ml', category: '饮料', unit: '瓶', priceFen: 200, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100033'], name: '康师傅红烧牛肉面', category: '方便食品', unit: '袋', priceFen: 450, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100040'], name: '统一冰红茶 500ml', category: '饮料', unit: '瓶', priceFen: 300, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100057'], name: '旺仔牛奶 245ml', category: '乳品', unit: '罐', priceFen: 450, memberPriceFen: 400, openingStock: 120 },
  { barcodes: ['6920000100064'], name: '乐事薯片 原味 70g', category: '休闲食品', unit: '袋', priceFen: 750, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100071'], name: '奥利奥饼干 97g', category: '休闲食品', unit: '盒', priceFen: 890, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100088'], name: '德芙巧克力 43g', category: '休闲食品', unit: '块', priceFen: 990, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100095'], name: '伊利纯牛奶 250ml', category: '乳品', unit: '盒', priceFen: 350, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100101'], name: '蒙牛酸酸乳 250ml', category: '乳品', unit: '盒', priceFen: 300, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100118'], name: '双汇王中王火腿肠', category: '方便食品', unit: '根', priceFen: 250, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100125'], name: '青岛啤酒 500ml', category: '酒水', unit: '罐', priceFen: 600, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100132'], name: '雪碧 330ml', category: '饮料', unit: '罐', priceFen: 300, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100149'], name: '红牛 250ml', category: '饮料', unit: '罐', priceFen: 600, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100156'], name: '绿箭口香糖', category: '休闲食品', unit: '条', priceFen: 200, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100163'], name: '维达抽纸 3包', category: '日用品', unit: '提', priceFen: 1290, memberPriceFen: 1190, openingStock: 120 },
  { barcodes: ['6920000100170'], name: '舒肤佳香皂 115g', category: '日用品', unit: '块', priceFen: 550, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100187'], name: '中华牙膏 140g', category: '日用品', unit: '支', priceFen: 980, memberPriceFen: null, openingStock: 120 },
  { barcodes: ['6920000100194'], name: '金龙鱼大米 5kg', category: '粮油', unit: '袋', priceFen: 3990, memberPriceFen: 3690, openingStock: 120 },
  { barcodes: ['6920000100200'], name: '鲁花花生油 1L', category: '粮油', unit: '瓶', priceFen: 2990, memberPriceFen: null, openingStock: 120 },
];

export const DEMO_MEMBERS = [
  { phone: '13800138000', name: '张三', cardNo: '88000001', password: '135790' },
  { phone: '13912345678', name: '李四', cardNo: null, password: null },
] as const;
