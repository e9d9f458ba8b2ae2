// A network receipt printer's raw port (TCP 9100, "JetDirect"/AppSocket) as a
// ByteTransport that keeps itself connected: the printer code above is the same for a
// serial line and for the network.
import { Socket } from 'node:net';
import { ListenerSet, type ByteTransport, type TransportState } from '../serial/byteTransport.js';
import { CashdeskError } from '../errors.js';
import { silentLogger, type Logger } from '../log/logger.js';

export const RAW_PRINT_PORT = 9100;
/** A printer on the shop's LAN answers a connect in milliseconds; longer means it is off or unplugged. */
export const TCP_CONNECT_TIMEOUT_MS = 3_000;
/** Wait between connection attempts while the printer is away. */
export const TCP_RECONNECT_MS = 2_000;

export class NetworkLineClosedError extends CashdeskError {
  constructor(readonly address: string, options?: { cause?: unknown }) {
    super(
      'NETWORK_LINE_CLOSED',
      `网络设备 ${address} 未连接。请检查设备电源、网线和 IP 地址设置；设备恢复后会自动重新连接。`,
      `Network device ${address} is not connected. Check its power, its network cable and its IP address; it reconnects by itself when the device is back.`,
      options,
    );
    this.name = 'NetworkLineClosedError';
  }
}

export interface ReconnectingTransport extends ByteTransport {
  /** Resolves when connected (at once if it is); rejects once closed. */
  whenOpen(): Promise<void>;
  /**
   * Drops the connection and connects again. A printer that was switched off without a
   * FIN leaves a socket that accepts writes and never answers; this starts afresh.
   */
  drop(): void;
}

export interface TcpTransportOptions {
  host: string;
  port?: number;
  connectTimeoutMs?: number;
  reconnectMs?: number;
  logger?: Logger;
}

type TcpState = 'connecting' | 'open' | 'waiting' | 'ended';

export function createTcpTransport(options: TcpTransportOptions): ReconnectingTransport {
  return new TcpTransport(options);
}

class TcpTransport implements ReconnectingTransport {
  readonly name: string;
  private readonly data = new ListenerSet<[Buffer]>();
  private readonly stateListeners = new ListenerSet<[TransportState, Error | undefined]>();
  private readonly opened = new ListenerSet<[]>();
  private readonly log: Logger;
  private state: TcpState = 'connecting';
  private socket: Socket | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TcpTransportOptions) {
    this.name = `tcp:${options.host}:${options.port ?? RAW_PRINT_PORT}`;
    this.log = (options.logger ?? silentLogger).child('tcp');
    this.connect();
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  private connect(): void {
    this.timer = undefined;
    if (this.state === 'ended') return;
    this.state = 'connecting';
    const s = new Socket();
    this.socket = s;
    let lastError: Error | undefined;
    s.setTimeout(this.options.connectTimeoutMs ?? TCP_CONNECT_TIMEOUT_MS, () => {
      lastError = new Error('connect timeout');
      s.destroy();
    });
    s.on('connect', () => {
      if (this.socket !== s) return;
      s.setTimeout(0);
      s.setNoDelay(true);
      // Keep-alive notices a printer that vanished while idle, long before a receipt is due.
      s.setKeepAlive(true, 5_000);
      this.state = 'open';
      this.log.log('info', 'connected', { address: this.name });
      this.stateListeners.emit('open', undefined);
      this.opened.emit();
    });
    s.on('data', (chunk: Buffer) => {
      if (this.socket === s) this.data.emit(chunk);
    });
    s.on('error', (e) => {
      lastError = e;
    });
    s.on('close', () => {
      if (this.socket !== s) return;
      this.socket = undefined;
      const wasOpen = this.state === 'open';
      if (this.state === 'ended') return;
      this.state = 'waiting';
      if (wasOpen) {
        this.log.log('warn', 'connection-lost', { address: this.name, error: lastError });
        this.stateListeners.emit('closed', new NetworkLineClosedError(this.name, { cause: lastError }));
      }
      this.timer = setTimeout(() => this.connect(), this.options.reconnectMs ?? TCP_RECONNECT_MS);
      this.timer.unref();
    });
    s.connect(this.options.port ?? RAW_PRINT_PORT, this.options.host);
  }

  write(bytes: Buffer): Promise<void> {
    const s = this.socket;
    if (this.state !== 'open' || !s) return Promise.reject(new NetworkLineClosedError(this.name));
    return new Promise((resolve, reject) => {
      s.write(bytes, (err) => {
        if (err) reject(new NetworkLineClosedError(this.name, { cause: err }));
        else resolve();
      });
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    return this.stateListeners.add(listener);
  }

  whenOpen(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    if (this.state === 'ended') return Promise.reject(new NetworkLineClosedError(this.name));
    return new Promise((resolve) => {
      const off = this.opened.add(() => {
        off();
        resolve();
      });
    });
  }

  drop(): void {
    this.socket?.destroy();
  }

  close(): Promise<void> {
    if (this.state === 'ended') return Promise.resolve();
    const wasOpen = this.state === 'open';
    this.state = 'ended';
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const s = this.socket;
    this.socket = undefined;
    if (wasOpen) this.stateListeners.emit('closed', undefined);
    if (!s || s.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      s.once('close', () => resolve());
      s.end();
      // A printer that never acknowledges the FIN must not hold up the app's exit.
      setTimeout(() => s.destroy(), 500).unref();
    });
  }
}
