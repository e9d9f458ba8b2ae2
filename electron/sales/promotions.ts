// Promotions (issue 8): a percentage or an amount off, on one product or a whole
// category, inside a time window, optionally for members only. How they combine with
// member prices and other discounts is decided in one place: pricing.ts.
import type { Db } from '../../native/store/store.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { PricingPromotion } from './pricing.js';
import { salesErrors } from './salesErrors.js';
import { PromotionCreateSchema, PromotionEndSchema, type PromotionCreateInput, type PromotionEndInput, type PromotionView } from './salesSchemas.js';

interface PromotionRow {
  id: number;
  name: string;
  product_id: number | null;
  category_id: number | null;
  kind: 'percent' | 'amount';
  off_bp: number | null;
  amount_off_fen: number | null;
  members_only: number;
  starts_at: string;
  ends_at: string;
  active: number;
}

function view(r: PromotionRow): PromotionView {
  return {
    id: r.id,
    name: r.name,
    productId: r.product_id,
    categoryId: r.category_id,
    discount: r.kind === 'percent' ? { kind: 'percent', offBp: r.off_bp! } : { kind: 'amount', amountFen: r.amount_off_fen! },
    membersOnly: r.members_only === 1,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    active: r.active === 1,
  };
}

export function toPricingPromotion(p: PromotionView): PricingPromotion {
  return { id: p.id, name: p.name, productId: p.productId, categoryId: p.categoryId, discount: p.discount, membersOnly: p.membersOnly, startsAt: p.startsAt, endsAt: p.endsAt };
}

export class Promotions {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly now: () => Date,
  ) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO promotions (name, product_id, category_id, kind, off_bp, amount_off_fen, members_only, starts_at, ends_at, created_by, created_at)
         VALUES (@name, @productId, @categoryId, @kind, @offBp, @amountOffFen, @membersOnly, @startsAt, @endsAt, @operatorId, @at)`,
      ),
      byId: db.prepare('SELECT * FROM promotions WHERE id = ?'),
      end: db.prepare('UPDATE promotions SET active = 0 WHERE id = ?'),
      all: db.prepare('SELECT * FROM promotions ORDER BY id DESC LIMIT 500'),
      // Windows are stored as UTC ISO instants with milliseconds, so text order is time order.
      activeAt: db.prepare('SELECT * FROM promotions WHERE active = 1 AND ends_at > @at AND starts_at <= @at ORDER BY id'),
      productExists: db.prepare('SELECT 1 FROM products WHERE id = ?').pluck(),
      categoryExists: db.prepare('SELECT 1 FROM categories WHERE id = ?').pluck(),
    };
  }

  create(input: PromotionCreateInput): PromotionView {
    const v = PromotionCreateSchema.parse(input);
    const id = this.db.transaction(() => {
      const known = v.productId !== null ? this.s.productExists.get(v.productId) : this.s.categoryExists.get(v.categoryId);
      if (!known) throw salesErrors.promotionTargetUnknown();
      const newId = Number(
        this.s.insert.run({
          name: v.name,
          productId: v.productId,
          categoryId: v.categoryId,
          kind: v.discount.kind,
          offBp: v.discount.kind === 'percent' ? v.discount.offBp : null,
          amountOffFen: v.discount.kind === 'amount' ? v.discount.amountFen : null,
          membersOnly: v.membersOnly ? 1 : 0,
          startsAt: new Date(v.startsAt).toISOString(),
          endsAt: new Date(v.endsAt).toISOString(),
          operatorId: v.operatorId,
          at: this.now().toISOString(),
        }).lastInsertRowid,
      );
      this.audit.append({ actor: v.operatorId, action: 'promotion.create', target: String(newId), outcome: 'ok', detail: { name: v.name, discount: v.discount } });
      return newId;
    })();
    return view(this.s.byId.get(id) as PromotionRow);
  }

  end(input: PromotionEndInput): PromotionView {
    const v = PromotionEndSchema.parse(input);
    this.db.transaction(() => {
      if (!this.s.byId.get(v.promotionId)) throw salesErrors.promotionNotFound(v.promotionId);
      this.s.end.run(v.promotionId);
      this.audit.append({ actor: v.operatorId, action: 'promotion.end', target: String(v.promotionId), outcome: 'ok' });
    })();
    return view(this.s.byId.get(v.promotionId) as PromotionRow);
  }

  list(): PromotionView[] {
    return (this.s.all.all() as PromotionRow[]).map(view);
  }

  activeAt(at: Date): PromotionView[] {
    return (this.s.activeAt.all({ at: at.toISOString() }) as PromotionRow[]).map(view);
  }
}
