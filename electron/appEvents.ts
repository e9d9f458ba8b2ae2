import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from './contract.js';

/** Events from main to every renderer (style.md §2: events flow only from main). */
export class AppEvents {
  private readonly emitter = new EventEmitter();
  private readonly anyListeners = new Set<(event: EventName, payload: unknown) => void>();

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit(event, payload);
    for (const l of this.anyListeners) l(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Every event, for transports (ipc.ts, the bridge) that forward all of them. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }
}
