// Stock by hand (issue 8): adjustments and stocktakes, each with a reason, a stock move
// and an audit entry in the same transaction. Sales, voids and refunds move stock in
// sales.ts through the same repository call, so stock always equals the opening stock
// plus the sum of its moves.
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { CatalogRepository } from './catalogRepository.js';
import { productView } from './catalogRepository.js';
import { salesErrors } from './salesErrors.js';
import {
  StockAdjustSchema,
  StockCountSchema,
  StockMovesQuerySchema,
  type ProductView,
  type StockAdjustInput,
  type StockCountInput,
  type StockMoveView,
  type StockMovesQueryInput,
} from './salesSchemas.js';

export class Stock {
  constructor(
    private readonly db: Db,
    private readonly repo: CatalogRepository,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {}

  adjust(input: StockAdjustInput): ProductView {
    const v = StockAdjustSchema.parse(input);
    return this.apply(v.productId, () => v.delta, v.reason, v.operatorId, 'stock.adjust');
  }

  /** 盘点: the counted quantity becomes the stock; the difference is the move. */
  count(input: StockCountInput): ProductView {
    const v = StockCountSchema.parse(input);
    return this.apply(v.productId, (stock) => v.counted - stock, v.reason, v.operatorId, 'stock.count');
  }

  moves(input: StockMovesQueryInput): StockMoveView[] {
    const v = StockMovesQuerySchema.parse(input);
    return this.repo.moves(v.productId, v.limit);
  }

  private apply(productId: number, deltaOf: (stock: number) => number, reason: string, operatorId: string, action: string): ProductView {
    const at = this.now().toISOString();
    this.db.transaction(() => {
      const cur = this.repo.byId(productId);
      if (!cur) throw salesErrors.productNotFound(productId);
      const delta = deltaOf(cur.stock);
      const detail = { from: cur.stock, to: cur.stock + delta, delta, reason };
      if (delta !== 0) this.repo.moveStock({ productId, delta, kind: 'adjust', reason, operatorId, at });
      this.audit.append({ actor: operatorId, action, target: String(productId), outcome: 'ok', detail });
    })();
    return productView(this.repo.byId(productId)!);
  }
}
