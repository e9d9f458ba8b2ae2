// Cart edits reply with what changed, not the whole cart (issue 12 "Speed"): on a 200-line
// cart the full reply is most of a scan's time on the wire. What the page last got is kept
// per cart as each line's rendering; a line is sent again only when it differs.
import type { CartView } from '../sales/salesSchemas.js';
import type { CartChange } from './checkoutSchemas.js';

export class CartChanges {
  private readonly sent = new Map<number, Map<number, string>>();

  /** A whole cart goes to the page (cart.get, open, resume): what it has now is all of it. */
  full(view: CartView): CartView {
    this.sent.set(view.id, new Map(view.lines.map((l) => [l.lineId, JSON.stringify(l)])));
    this.forgetDone(view);
    return view;
  }

  change(view: CartView): CartChange {
    const before = this.sent.get(view.id) ?? new Map<number, string>();
    const now = new Map<number, string>();
    const lines: CartView['lines'] = [];
    for (const l of view.lines) {
      const text = JSON.stringify(l);
      now.set(l.lineId, text);
      if (before.get(l.lineId) !== text) lines.push(l);
    }
    const removedLineIds = [...before.keys()].filter((id) => !now.has(id));
    this.sent.set(view.id, now);
    this.forgetDone(view);
    const { lines: _all, ...header } = view;
    return { ...header, lines, removedLineIds, lineCount: view.lines.length };
  }

  private forgetDone(view: CartView): void {
    if (view.status !== 'open' && view.status !== 'suspended') this.sent.delete(view.id);
  }
}
