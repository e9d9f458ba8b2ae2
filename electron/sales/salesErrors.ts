import { CashdeskError } from '../../native/errors.js';
import { formatYuan } from './fen.js';

/** Everything the sales services refuse, each with what to do next. */
export class SalesError extends CashdeskError {}

export const salesErrors = {
  barcodeUnknown: (barcode: string) =>
    new SalesError('BARCODE_UNKNOWN', `条码 ${barcode} 不在商品库中。请核对条码，或先在商品管理中添加该商品。`, `Barcode ${barcode} is not in the catalogue. Check the code, or add the product first.`),
  productNotFound: (id: number) =>
    new SalesError('PRODUCT_NOT_FOUND', `商品 #${id} 不存在。请刷新后重试。`, `Product #${id} does not exist. Refresh and try again.`),
  productInactive: (name: string) =>
    new SalesError('PRODUCT_INACTIVE', `商品「${name}」已停售，不能加入购物车。如需销售请先在商品管理中启用。`, `"${name}" is no longer sold. Re-activate it in the catalogue to sell it.`),
  barcodeTaken: (barcode: string, other: string) =>
    new SalesError('BARCODE_TAKEN', `条码 ${barcode} 已属于商品「${other}」。一个条码只能对应一个商品。`, `Barcode ${barcode} already belongs to "${other}". A barcode can point to one product only.`),
  memberPriceAbovePrice: () =>
    new SalesError('MEMBER_PRICE_ABOVE_PRICE', '会员价不能高于售价。请修改后保存。', 'The member price cannot be above the price. Correct it and save.'),
  promotionTargetUnknown: () =>
    new SalesError('PROMOTION_TARGET_UNKNOWN', '促销指定的商品或分类不存在。请重新选择。', 'The product or category of this promotion does not exist. Choose again.'),
  promotionNotFound: (id: number) =>
    new SalesError('PROMOTION_NOT_FOUND', `促销 #${id} 不存在。`, `Promotion #${id} does not exist.`),
  cartNotFound: (id: number) =>
    new SalesError('CART_NOT_FOUND', `购物车 #${id} 不存在。请新开一单。`, `Cart #${id} does not exist. Start a new cart.`),
  cartNotOpen: (id: number, status: string) =>
    new SalesError('CART_NOT_OPEN', `购物车 #${id} 当前为「${statusZh(status)}」，不能修改。挂起的单请先取单。`, `Cart #${id} is ${status} and cannot be changed. Resume a suspended cart first.`),
  cartNotSuspended: (id: number) =>
    new SalesError('CART_NOT_SUSPENDED', `购物车 #${id} 不是挂单，无法取单。`, `Cart #${id} is not suspended, so it cannot be resumed.`),
  cartEmpty: () =>
    new SalesError('CART_EMPTY', '购物车是空的，请先扫描商品。', 'The cart is empty; scan some items first.'),
  lineNotFound: (lineId: number) =>
    new SalesError('CART_LINE_NOT_FOUND', `购物车中没有第 #${lineId} 行。请刷新后重试。`, `The cart has no line #${lineId}. Refresh and try again.`),
  noMember: () =>
    new SalesError('CART_NO_MEMBER', '请先关联会员，再使用积分或储值。', 'Attach a member first to use points or stored value.'),
  supervisorRequired: (zh: string, en: string) =>
    new SalesError('SUPERVISOR_REQUIRED', `${zh}需要主管授权。请主管输入密码后重试。`, `${en} needs a supervisor's approval. Have a supervisor enter their password and try again.`),
  tendersMismatch: (tenderFen: number, dueFen: number) =>
    new SalesError('TENDERS_MISMATCH', `支付合计 ¥${formatYuan(tenderFen)} 与应收 ¥${formatYuan(dueFen)} 不符。请核对各支付方式的金额。`, `The tenders add up to ¥${formatYuan(tenderFen)} but ¥${formatYuan(dueFen)} is due. Check the amount of each tender.`),
  cartAlreadyCompleted: (saleNo: string) =>
    new SalesError('CART_ALREADY_COMPLETED', `该购物车已结账（销售单号 ${saleNo}），且支付信息不同。请勿重复结账，如有疑问请查询流水。`, `This cart was already paid (sale ${saleNo}) with different tenders. Do not pay twice; check the journal.`),
  saleNotFound: (id: number) =>
    new SalesError('SALE_NOT_FOUND', `销售单 #${id} 不存在。请在流水中核对单号。`, `Sale #${id} does not exist. Check the number in the journal.`),
  saleNotVoidable: (saleNo: string, why: 'status' | 'day') =>
    why === 'status'
      ? new SalesError('SALE_NOT_VOIDABLE', `销售单 ${saleNo} 已撤销或已退货，不能再撤销。`, `Sale ${saleNo} is already voided or refunded, so it cannot be voided.`)
      : new SalesError('SALE_NOT_VOIDABLE', `销售单 ${saleNo} 不是今天的交易，不能撤销。请改用退货。`, `Sale ${saleNo} is not from today, so it cannot be voided. Use a refund instead.`),
  saleNotRefundable: (saleNo: string) =>
    new SalesError('SALE_NOT_REFUNDABLE', `销售单 ${saleNo} 已撤销或已全部退货。`, `Sale ${saleNo} is voided or fully refunded already.`),
  refundTooMuch: (lineNo: number, left: number) =>
    new SalesError('REFUND_QUANTITY', `第 ${lineNo} 行最多还可退 ${left} 件。`, `Line ${lineNo} has only ${left} left to refund.`),
  refundLineUnknown: (saleLineId: number) =>
    new SalesError('REFUND_LINE_UNKNOWN', `销售单中没有明细行 #${saleLineId}。`, `The sale has no line #${saleLineId}.`),
  storedValueNeedsMember: () =>
    new SalesError('STORED_VALUE_NEEDS_MEMBER', '储值支付需要关联会员。请先关联会员。', 'A stored-value payment needs a member on the cart. Attach the member first.'),
};

function statusZh(status: string): string {
  return status === 'suspended' ? '挂单' : status === 'completed' ? '已结账' : status === 'discarded' ? '已作废' : '进行中';
}
