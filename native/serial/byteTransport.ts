import { TransportClosedError } from './errors.js';

/**
 * The one thing the PIN pad code needs from a line: bytes in, bytes out, and word when
 * the line goes away or comes back (architecture.md: native/serial owns the transport,
 * everything above it is the same code for a serial port and for training mode's
 * in-process pipe).
 */
export type TransportState = 'open' | 'closed';

export interface ByteTransport {
  /** A short name for logs: the port path, or `pipe:a`. Never secret. */
  readonly name: string;
  readonly isOpen: boolean;
  /** Rejects with TransportClosedError when the line is not open. */
  write(bytes: Buffer): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
  /**
   * `closed` when the line goes away (unplugged, socat killed, close()); `open` when a
   * reconnecting transport has it back. Listeners are not called for the current state.
   */
  onState(listener: (state: TransportState, error?: Error) => void): () => void;
  /** Final: a closed transport does not reconnect. */
  close(): Promise<void>;
}

/** A set of listeners whose `add` returns the unsubscribe function (style.md §2). */
export class ListenerSet<A extends unknown[]> {
  private readonly fns = new Set<(...args: A) => void>();

  add(fn: (...args: A) => void): () => void {
    this.fns.add(fn);
    return () => {
      this.fns.delete(fn);
    };
  }

  emit(...args: A): void {
    for (const fn of [...this.fns]) fn(...args);
  }

  get size(): number {
    return this.fns.size;
  }
}

export interface PipePair {
  a: ByteTransport;
  b: ByteTransport;
  /** Both ends report `closed`, as when a cable is pulled; writes fail until replug(). */
  unplug(): void;
  /** Both ends report `open` again. */
  replug(): void;
  close(): Promise<void>;
}

class PipeEnd implements ByteTransport {
  peer: PipeEnd | undefined;
  connected = true;
  ended = false;
  readonly data = new ListenerSet<[Buffer]>();
  readonly state = new ListenerSet<[TransportState, Error | undefined]>();

  constructor(readonly name: string) {}

  get isOpen(): boolean {
    return this.connected && !this.ended;
  }

  write(bytes: Buffer): Promise<void> {
    if (!this.isOpen) return Promise.reject(new TransportClosedError(this.name));
    const copy = Buffer.from(bytes);
    const peer = this.peer;
    // Delivered on a later turn, as a real line would: a writer never sees its own
    // bytes arrive at the other end before write() returns.
    setImmediate(() => {
      if (peer && peer.isOpen && this.isOpen) peer.data.emit(copy);
    });
    return Promise.resolve();
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    return this.state.add(listener);
  }

  setConnected(on: boolean): void {
    if (this.ended || this.connected === on) return;
    this.connected = on;
    this.state.emit(on ? 'open' : 'closed', on ? undefined : new TransportClosedError(this.name));
  }

  end(): void {
    if (this.ended) return;
    const wasOpen = this.isOpen;
    this.ended = true;
    if (wasOpen) this.state.emit('closed', undefined);
  }

  close(): Promise<void> {
    this.end();
    this.peer?.end();
    return Promise.resolve();
  }
}

/** Two connected in-process ends: training mode runs the emulator on one, the driver on the other. */
export function createPipePair(): PipePair {
  const a = new PipeEnd('pipe:a');
  const b = new PipeEnd('pipe:b');
  a.peer = b;
  b.peer = a;
  return {
    a,
    b,
    unplug() {
      a.setConnected(false);
      b.setConnected(false);
    },
    replug() {
      a.setConnected(true);
      b.setConnected(true);
    },
    async close() {
      await a.close();
    },
  };
}
