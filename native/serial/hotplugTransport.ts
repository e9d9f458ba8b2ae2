import { lstatSync, realpathSync, statSync } from 'node:fs';
import { silentLogger, type Logger } from '../log/logger.js';
import { ListenerSet, type ByteTransport, type TransportState } from './byteTransport.js';
import { TransportClosedError } from './errors.js';
import { listSerialPorts, locateReturnedPort, type ListPorts } from './portDiscovery.js';
import { openSerialTransport, type SerialLineOptions } from './serialTransport.js';

/** How often a vanished port is looked for (issue 4 hot-plug). Tests shorten it. */
export const SERIAL_REPLUG_POLL_MS = 500;

export interface HotplugOptions extends SerialLineOptions {
  pollMs?: number;
  logger?: Logger;
  /** Injected by tests; SerialPort.list() by default. */
  listPorts?: ListPorts;
  /** Injected by tests; openSerialTransport by default. */
  openPort?: (options: SerialLineOptions) => Promise<ByteTransport>;
  /** Injected by tests; which device node a path is now (undefined: none). */
  nodeIdentity?: (path: string) => string | undefined;
}

/**
 * The link or node itself and the device behind it: changes when the device is
 * recreated (replugged, socat restarted) even if it comes back at the same path.
 */
export function deviceNodeIdentity(path: string): string | undefined {
  try {
    const link = lstatSync(path);
    const node = statSync(path);
    return `${link.ino}:${link.ctimeMs}:${node.rdev}:${node.ino}`;
  } catch {
    return undefined;
  }
}

export interface HotplugTransport extends ByteTransport {
  /** The path in use now (differs from the configured one after a replug into another socket). */
  readonly path: string;
  /** Resolves when the port is open (at once if it is). */
  whenOpen(): Promise<void>;
}

/**
 * A serial port that outlives its cable: when the port vanishes it reports `closed`,
 * looks for it to return (same path, or the same USB serial number at another path),
 * reopens it and reports `open`. Only close() ends it.
 */
export function createHotplugTransport(options: HotplugOptions): HotplugTransport {
  return new HotplugSerialTransport(options);
}

type HotplugState = 'looking' | 'opening' | 'open' | 'ended';

class HotplugSerialTransport implements HotplugTransport {
  private readonly data = new ListenerSet<[Buffer]>();
  private readonly stateListeners = new ListenerSet<[TransportState, Error | undefined]>();
  private readonly opened = new ListenerSet<[]>();
  private readonly log: Logger;
  private readonly pollMs: number;
  private state: HotplugState = 'looking';
  private inner: ByteTransport | undefined;
  private detach: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private watch: NodeJS.Timeout | undefined;
  private serialNumber: string | undefined;
  path: string;

  constructor(private readonly options: HotplugOptions) {
    this.path = options.path;
    this.log = (options.logger ?? silentLogger).child('hotplug');
    this.pollMs = options.pollMs ?? SERIAL_REPLUG_POLL_MS;
    void this.attempt();
  }

  get name(): string {
    return this.options.path;
  }

  get isOpen(): boolean {
    return this.state === 'open' && !!this.inner?.isOpen;
  }

  private async attempt(): Promise<void> {
    this.timer = undefined;
    if (this.state !== 'looking') return;
    this.state = 'opening';
    const target = await this.locate();
    if (target !== undefined) {
      try {
        const t = await (this.options.openPort ?? openSerialTransport)({ ...this.options, path: target });
        if (this.ended()) {
          await t.close();
          return;
        }
        this.attach(t, target);
        return;
      } catch (e) {
        this.log.log('debug', 'open-failed', { port: target, error: e instanceof Error ? e : new Error(String(e)) });
      }
    }
    if (!this.ended()) {
      this.state = 'looking';
      this.timer = setTimeout(() => void this.attempt(), this.pollMs);
    }
  }

  private identify(path: string): string | undefined {
    return (this.options.nodeIdentity ?? deviceNodeIdentity)(path);
  }

  private ended(): boolean {
    return this.state === 'ended';
  }

  private async locate(): Promise<string | undefined> {
    if (this.identify(this.options.path) !== undefined) return this.options.path;
    try {
      const ports = await (this.options.listPorts ?? listSerialPorts)();
      return locateReturnedPort(ports, this.options.path, this.serialNumber, false);
    } catch {
      return undefined;
    }
  }

  private attach(t: ByteTransport, path: string): void {
    this.inner = t;
    this.path = path;
    this.state = 'open';
    this.detach = [
      t.onData((chunk) => this.data.emit(chunk)),
      t.onState((s, err) => {
        if (s === 'closed' && this.inner === t) this.lost(err);
      }),
    ];
    // A port blocked in a long wait (PIN entry) can miss the read error that says its
    // device went away; its device node going away or being recreated says it too (a
    // USB unplug removes /dev/ttyUSBn, socat removes and remakes its links). COMn names
    // are not files: not watched.
    const identity = this.identify(path);
    if (identity !== undefined) {
      this.watch = setInterval(() => {
        if (this.inner === t && this.identify(path) !== identity) {
          this.lost(new TransportClosedError(path));
          void t.close().catch(() => undefined);
        }
      }, this.pollMs);
      this.watch.unref();
    }
    this.log.log('info', 'port-open', { port: path });
    this.stateListeners.emit('open', undefined);
    this.opened.emit();
    if (this.serialNumber === undefined) void this.learnSerialNumber(path);
  }

  private async learnSerialNumber(path: string): Promise<void> {
    try {
      const ports = await (this.options.listPorts ?? listSerialPorts)();
      // A udev symlink (/dev/pinpad → ttyUSB0) is listed under the name it points to.
      let real = path;
      try {
        real = realpathSync(path);
      } catch {
        // not a file (COMn): listed under its own name
      }
      this.serialNumber = ports.find((p) => p.path === path || p.path === real)?.serialNumber ?? this.serialNumber;
    } catch {
      // A pty or a port without USB details: the path alone identifies it.
    }
  }

  private lost(err: Error | undefined): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = undefined;
    for (const d of this.detach) d();
    this.detach = [];
    this.inner = undefined;
    if (this.state === 'ended') return;
    this.state = 'looking';
    this.log.log('warn', 'port-lost', { port: this.path });
    this.stateListeners.emit('closed', err ?? new TransportClosedError(this.path));
    this.timer = setTimeout(() => void this.attempt(), this.pollMs);
  }

  write(bytes: Buffer): Promise<void> {
    if (!this.inner || this.state !== 'open') return Promise.reject(new TransportClosedError(this.path));
    return this.inner.write(bytes);
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    return this.stateListeners.add(listener);
  }

  whenOpen(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    if (this.state === 'ended') return Promise.reject(new TransportClosedError(this.path));
    return new Promise((resolve) => {
      const off = this.opened.add(() => {
        off();
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.state === 'ended') return;
    const wasOpen = this.state === 'open';
    this.state = 'ended';
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.watch) clearInterval(this.watch);
    this.watch = undefined;
    for (const d of this.detach) d();
    this.detach = [];
    const t = this.inner;
    this.inner = undefined;
    if (t) await t.close();
    if (wasOpen) this.stateListeners.emit('closed', undefined);
  }
}
