// Request schemas and reply types of the sales services (issue 8): catalogue, stock,
// promotions, carts and sales. This file imports zod only, like contract.ts, so the IPC
// contract and the renderer can take it whole.
import { z } from 'zod';

const MAX_FEN = 9_999_999_999;
export const fen = z.number().int().min(0).max(MAX_FEN);
export const operatorIdSchema = z.string().regex(/^\d{2}$/, 'two digits / 两位数字');
export const idSchema = z.number().int().positive();
/** EAN-13/8, UPC, or a shop's own code: printable ASCII without spaces. */
export const barcodeSchema = z.string().trim().regex(/^[\x21-\x7e]{1,64}$/, '1-64 printable characters, no spaces / 1-64位可见字符，不含空格');
export const quantitySchema = z.number().int().min(1).max(99_999);
export const reasonSchema = z.string().trim().min(1).max(200);
export const isoInstant = z.iso.datetime({ offset: true });

/** Percentages are basis points: 1% = 100 bp; 八折 (pay 80%) = 2000 bp off. */
export const DiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), offBp: z.number().int().min(1).max(10_000) }).strict(),
  z.object({ kind: z.literal('amount'), amountFen: z.number().int().min(1).max(MAX_FEN) }).strict(),
]);
export type DiscountInput = z.infer<typeof DiscountSchema>;

// ---- catalogue -------------------------------------------------------------------------

export const ProductCreateSchema = z
  .object({
    barcodes: z.array(barcodeSchema).min(1).max(10),
    name: z.string().trim().min(1).max(100),
    /** By name; created when new. */
    category: z.string().trim().min(1).max(40).nullable().default(null),
    unit: z.string().trim().min(1).max(8).default('个'),
    priceFen: fen,
    memberPriceFen: fen.nullable().default(null),
    costFen: fen.default(0),
    active: z.boolean().default(true),
    /** Stock on hand when the product is entered (products.opening_stock; moves count from it). */
    openingStock: z.number().int().min(0).max(9_999_999).default(0),
    operatorId: operatorIdSchema,
  })
  .strict()
  .refine((v) => new Set(v.barcodes).size === v.barcodes.length, 'each barcode once / 条码不能重复');
export type ProductCreateInput = z.input<typeof ProductCreateSchema>;

export const ProductUpdateSchema = z
  .object({
    productId: idSchema,
    barcodes: z.array(barcodeSchema).min(1).max(10).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    category: z.string().trim().min(1).max(40).nullable().optional(),
    unit: z.string().trim().min(1).max(8).optional(),
    priceFen: fen.optional(),
    memberPriceFen: fen.nullable().optional(),
    costFen: fen.optional(),
    active: z.boolean().optional(),
    operatorId: operatorIdSchema,
  })
  .strict()
  .refine((v) => !v.barcodes || new Set(v.barcodes).size === v.barcodes.length, 'each barcode once / 条码不能重复');
export type ProductUpdateInput = z.input<typeof ProductUpdateSchema>;

export const ProductSearchSchema = z
  .object({
    /** Name words (Chinese or Latin), pinyin initials (kkkl → 可口可乐), or the start of a barcode. */
    query: z.string().trim().min(1).max(64),
    limit: z.number().int().min(1).max(100).default(20),
    includeInactive: z.boolean().default(false),
  })
  .strict();
export type ProductSearchInput = z.input<typeof ProductSearchSchema>;

export const csvEncodingSchema = z.enum(['auto', 'utf8', 'gbk']);
export type CsvEncoding = z.infer<typeof csvEncodingSchema>;

export const CsvImportSchema = z
  .object({
    /** The file's bytes (UTF-8 with or without BOM, or GBK as Excel on Chinese Windows saves it). */
    content: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'file bytes / 文件内容'),
    encoding: csvEncodingSchema.default('auto'),
    operatorId: operatorIdSchema,
  })
  .strict();
export type CsvImportInput = z.input<typeof CsvImportSchema>;

export const CsvExportSchema = z.object({ encoding: z.enum(['utf8', 'gbk']).default('utf8'), includeInactive: z.boolean().default(true) }).strict();
export type CsvExportInput = z.input<typeof CsvExportSchema>;

export const StockAdjustSchema = z
  .object({
    productId: idSchema,
    /** + received, − broken, lost, expired… */
    delta: z.number().int().min(-9_999_999).max(9_999_999).refine((n) => n !== 0, 'not zero / 不能为0'),
    reason: reasonSchema,
    operatorId: operatorIdSchema,
  })
  .strict();
export type StockAdjustInput = z.input<typeof StockAdjustSchema>;

/** A stocktake (盘点): the counted quantity; the difference becomes an adjustment. */
export const StockCountSchema = z
  .object({ productId: idSchema, counted: z.number().int().min(0).max(9_999_999), reason: reasonSchema, operatorId: operatorIdSchema })
  .strict();
export type StockCountInput = z.input<typeof StockCountSchema>;

export const StockMovesQuerySchema = z.object({ productId: idSchema, limit: z.number().int().min(1).max(500).default(50) }).strict();
export type StockMovesQueryInput = z.input<typeof StockMovesQuerySchema>;

export const PromotionCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    productId: idSchema.nullable().default(null),
    categoryId: idSchema.nullable().default(null),
    /** An amount discount is per unit sold. */
    discount: DiscountSchema,
    membersOnly: z.boolean().default(false),
    startsAt: isoInstant,
    endsAt: isoInstant,
    operatorId: operatorIdSchema,
  })
  .strict()
  .refine((v) => (v.productId === null) !== (v.categoryId === null), 'a product or a category, not both / 指定商品或分类之一')
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), 'ends after it starts / 结束时间须晚于开始时间');
export type PromotionCreateInput = z.input<typeof PromotionCreateSchema>;

export const PromotionEndSchema = z.object({ promotionId: idSchema, operatorId: operatorIdSchema }).strict();
export type PromotionEndInput = z.input<typeof PromotionEndSchema>;

export const SalesSettingsSchema = z
  .object({
    /** A whole-cart discount above either limit needs a supervisor. */
    cartDiscountLimitBp: z.number().int().min(0).max(10_000),
    cartDiscountLimitFen: fen,
  })
  .strict();
export type SalesSettings = z.infer<typeof SalesSettingsSchema>;
export const SalesSettingsUpdateSchema = SalesSettingsSchema.partial().extend({ operatorId: operatorIdSchema }).strict();
export type SalesSettingsUpdateInput = z.input<typeof SalesSettingsUpdateSchema>;

// ---- carts -------------------------------------------------------------------------------

export const cartIdSchema = idSchema;
const lineIdSchema = idSchema;

export const CartOpenSchema = z.object({ operatorId: operatorIdSchema }).strict();
export type CartOpenInput = z.input<typeof CartOpenSchema>;
export const CartRefSchema = z.object({ cartId: cartIdSchema }).strict();
export type CartRefInput = z.input<typeof CartRefSchema>;
export const CartAddByBarcodeSchema = z.object({ cartId: cartIdSchema, barcode: barcodeSchema, quantity: quantitySchema.default(1) }).strict();
export type CartAddByBarcodeInput = z.input<typeof CartAddByBarcodeSchema>;
export const CartAddProductSchema = z.object({ cartId: cartIdSchema, productId: idSchema, quantity: quantitySchema.default(1) }).strict();
export type CartAddProductInput = z.input<typeof CartAddProductSchema>;
export const CartSetQuantitySchema = z.object({ cartId: cartIdSchema, lineId: lineIdSchema, quantity: quantitySchema }).strict();
export type CartSetQuantityInput = z.input<typeof CartSetQuantitySchema>;
export const CartRemoveLineSchema = z.object({ cartId: cartIdSchema, lineId: lineIdSchema }).strict();
export type CartRemoveLineInput = z.input<typeof CartRemoveLineSchema>;
/** A price edit at the counter; audited. null puts the catalogue price back. */
export const CartOverridePriceSchema = z
  .object({ cartId: cartIdSchema, lineId: lineIdSchema, unitPriceFen: fen.nullable(), reason: reasonSchema, operatorId: operatorIdSchema })
  .strict();
export type CartOverridePriceInput = z.input<typeof CartOverridePriceSchema>;
export const CartLineDiscountSchema = z.object({ cartId: cartIdSchema, lineId: lineIdSchema, discount: DiscountSchema.nullable(), operatorId: operatorIdSchema }).strict();
export type CartLineDiscountInput = z.input<typeof CartLineDiscountSchema>;
export const CartDiscountSchema = z.object({ cartId: cartIdSchema, discount: DiscountSchema.nullable(), operatorId: operatorIdSchema }).strict();
export type CartDiscountInput = z.input<typeof CartDiscountSchema>;
/** Attach by member id, or by the phone / card number the customer gives. */
export const CartAttachMemberSchema = z
  .object({ cartId: cartIdSchema, memberId: idSchema.optional(), phoneOrCard: z.string().trim().min(4).max(32).optional() })
  .strict()
  .refine((v) => (v.memberId === undefined) !== (v.phoneOrCard === undefined), 'memberId or phoneOrCard / 会员号或手机号/卡号二选一');
export type CartAttachMemberInput = z.input<typeof CartAttachMemberSchema>;
export const CartRedeemPointsSchema = z.object({ cartId: cartIdSchema, points: z.number().int().min(0).max(100_000_000) }).strict();
export type CartRedeemPointsInput = z.input<typeof CartRedeemPointsSchema>;
export const CartSuspendSchema = z.object({ cartId: cartIdSchema, label: z.string().trim().max(40).nullable().default(null) }).strict();
export type CartSuspendInput = z.input<typeof CartSuspendSchema>;
export const CartDiscardSchema = z.object({ cartId: cartIdSchema, operatorId: operatorIdSchema }).strict();
export type CartDiscardInput = z.input<typeof CartDiscardSchema>;
export const CartResumeSchema = z.object({ cartId: cartIdSchema, operatorId: operatorIdSchema }).strict();
export type CartResumeInput = z.input<typeof CartResumeSchema>;

// ---- sales ---------------------------------------------------------------------------------

export const tenderKindSchema = z.enum(['cash', 'card', 'qr', 'storedValue']);
export type TenderKind = z.infer<typeof tenderKindSchema>;

export const TenderSchema = z
  .object({
    kind: tenderKindSchema,
    amountFen: z.number().int().min(1).max(MAX_FEN),
    /** The payments module's journal id / STAN / QR order number; stored as given. */
    reference: z.string().trim().min(1).max(64).nullable().default(null),
    /** Cash only: what the customer handed over (change = tendered − amount). */
    tenderedFen: fen.nullable().default(null),
    /** Stored value only: the member's payment password. */
    password: z.string().regex(/^\d{6}$/).optional(),
  })
  .strict()
  .refine((t) => t.tenderedFen === null || (t.kind === 'cash' && t.tenderedFen >= t.amountFen), 'tenderedFen is for cash and covers the amount / 实收仅用于现金且不少于金额')
  .refine((t) => (t.kind === 'storedValue') === (t.password !== undefined), 'a stored-value tender needs the member password / 储值支付需要会员密码');
export type TenderInput = z.input<typeof TenderSchema>;

/** Tenders given back on a void or refund: no password, the money goes back. */
export const ReturnTenderSchema = z
  .object({ kind: tenderKindSchema, amountFen: z.number().int().min(1).max(MAX_FEN), reference: z.string().trim().min(1).max(64).nullable().default(null) })
  .strict();
export type ReturnTenderInput = z.input<typeof ReturnTenderSchema>;

export const CompleteSaleSchema = z
  .object({ cartId: cartIdSchema, operatorId: operatorIdSchema, tenders: z.array(TenderSchema).max(8) })
  .strict();
export type CompleteSaleInput = z.input<typeof CompleteSaleSchema>;

export const VoidSaleSchema = z
  .object({
    saleId: idSchema,
    operatorId: operatorIdSchema,
    reason: reasonSchema,
    /** Defaults to giving back exactly the sale's tenders. */
    tenders: z.array(ReturnTenderSchema).max(8).optional(),
  })
  .strict();
export type VoidSaleInput = z.input<typeof VoidSaleSchema>;

export const RefundLineSchema = z.object({ saleLineId: idSchema, quantity: quantitySchema }).strict();
export const RefundQuoteSchema = z
  .object({
    saleId: idSchema,
    /** Omitted: everything not yet refunded. */
    lines: z.array(RefundLineSchema).min(1).max(500).optional(),
  })
  .strict();
export type RefundQuoteInput = z.input<typeof RefundQuoteSchema>;

export const RefundSaleSchema = z
  .object({
    saleId: idSchema,
    operatorId: operatorIdSchema,
    reason: reasonSchema,
    lines: z.array(RefundLineSchema).min(1).max(500).optional(),
    tenders: z.array(ReturnTenderSchema).max(8),
  })
  .strict();
export type RefundSaleInput = z.input<typeof RefundSaleSchema>;

export const SaleRefSchema = z.object({ saleId: idSchema }).strict();

// ---- replies ------------------------------------------------------------------------------

export interface ProductView {
  id: number;
  barcodes: string[];
  name: string;
  pinyinInitials: string;
  categoryId: number | null;
  category: string | null;
  unit: string;
  priceFen: number;
  memberPriceFen: number | null;
  costFen: number;
  stock: number;
  active: boolean;
  updatedAt: string;
}

export interface CategoryView {
  id: number;
  name: string;
}

export type StockMoveKind = 'import' | 'sale' | 'void' | 'refund' | 'adjust';
export interface StockMoveView {
  id: number;
  productId: number;
  delta: number;
  stockAfter: number;
  kind: StockMoveKind;
  saleId: number | null;
  refundId: number | null;
  reason: string | null;
  operatorId: string | null;
  at: string;
}

export interface PromotionView {
  id: number;
  name: string;
  productId: number | null;
  categoryId: number | null;
  discount: DiscountInput;
  membersOnly: boolean;
  startsAt: string;
  endsAt: string;
  active: boolean;
}

export interface CsvRowError {
  /** Line number in the file, counting the header as line 1. */
  line: number;
  column: string | null;
  zh: string;
  en: string;
}

export interface CsvImportReport {
  ok: boolean;
  encoding: 'utf8' | 'gbk';
  rows: number;
  created: number;
  updated: number;
  /** Empty when ok; when not ok nothing was written. */
  errors: CsvRowError[];
}

export type CartStatus = 'open' | 'suspended' | 'completed' | 'discarded';

export interface CartLineView {
  lineId: number;
  productId: number;
  barcode: string | null;
  name: string;
  unit: string;
  quantity: number;
  listPriceFen: number;
  unitPriceFen: number;
  priceSource: 'list' | 'member' | 'override';
  amountFen: number;
  promotion: { id: number; name: string } | null;
  promotionDiscountFen: number;
  lineDiscount: DiscountInput | null;
  lineDiscountFen: number;
  cartDiscountFen: number;
  pointsDiscountFen: number;
  discountFen: number;
  netFen: number;
}

export interface CartView {
  id: number;
  status: CartStatus;
  operatorId: string;
  label: string | null;
  member: { id: number; name: string; phone: string; tier: string; points: number; storedValueFen: number } | null;
  lines: CartLineView[];
  cartDiscount: DiscountInput | null;
  cartDiscountApprovedBy: string | null;
  pointsToRedeem: number;
  totals: {
    itemCount: number;
    listAmountFen: number;
    memberSavingsFen: number;
    amountFen: number;
    promotionDiscountFen: number;
    lineDiscountFen: number;
    cartDiscountFen: number;
    pointsDiscountFen: number;
    pointsUsed: number;
    discountFen: number;
    totalFen: number;
  };
  createdAt: string;
  updatedAt: string;
  suspendedAt: string | null;
  saleId: number | null;
}

export interface SuspendedCartView {
  id: number;
  operatorId: string;
  label: string | null;
  lineCount: number;
  itemCount: number;
  totalFen: number;
  memberName: string | null;
  suspendedAt: string;
}

export type SaleStatus = 'completed' | 'voided' | 'partiallyRefunded' | 'refunded';

export interface SaleLineView {
  id: number;
  lineNo: number;
  productId: number;
  barcode: string | null;
  name: string;
  category: string | null;
  unit: string;
  quantity: number;
  listPriceFen: number;
  unitPriceFen: number;
  priceSource: 'list' | 'member' | 'override';
  amountFen: number;
  promotionId: number | null;
  discountFen: number;
  netFen: number;
  refundedQuantity: number;
  refundedFen: number;
}

export interface TenderView {
  kind: TenderKind;
  amountFen: number;
  reference: string | null;
  tenderedFen: number | null;
  changeFen: number | null;
}

export interface SaleView {
  id: number;
  saleNo: string;
  cartId: number;
  operatorId: string;
  memberId: number | null;
  status: SaleStatus;
  amountFen: number;
  listAmountFen: number;
  discountFen: number;
  promotionDiscountFen: number;
  lineDiscountFen: number;
  cartDiscountFen: number;
  pointsDiscountFen: number;
  totalFen: number;
  refundedFen: number;
  pointsEarned: number;
  pointsRedeemed: number;
  discountApprovedBy: string | null;
  at: string;
  localAt: string;
  lines: SaleLineView[];
  tenders: TenderView[];
}

export interface RefundQuoteView {
  saleId: number;
  amountFen: number;
  lines: Array<{ saleLineId: number; quantity: number; amountFen: number }>;
  /** Where the money should go back by default: the sale's own tenders, largest last. */
  suggestedTenders: Array<{ kind: TenderKind; amountFen: number }>;
}

export interface RefundView {
  id: number;
  refundNo: string;
  saleId: number;
  kind: 'void' | 'refund';
  amountFen: number;
  operatorId: string;
  reason: string;
  pointsReversed: number;
  pointsRestored: number;
  at: string;
  lines: Array<{ saleLineId: number; quantity: number; amountFen: number }>;
  tenders: Array<{ kind: TenderKind; amountFen: number; reference: string | null }>;
  sale: SaleView;
}
