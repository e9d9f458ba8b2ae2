import { SerialPort } from 'serialport';
import { ListenerSet, type ByteTransport, type TransportState } from './byteTransport.js';
import { SerialOpenError, TransportClosedError } from './errors.js';

/** pinpad-protocol §1: 8N1 or 7E1; every protocol character is 7-bit, so one codec serves both. */
export type LineFormat = '8N1' | '7E1';
export const LINE_FORMATS: readonly LineFormat[] = ['8N1', '7E1'];
export const DEFAULT_BAUD_RATE = 9600;
export const MIN_BAUD_RATE = 1200;
export const MAX_BAUD_RATE = 115200;

export interface SerialLineOptions {
  path: string;
  baudRate?: number;
  format?: LineFormat;
}

export function lineSettings(format: LineFormat): { dataBits: 7 | 8; parity: 'none' | 'even'; stopBits: 1 } {
  switch (format) {
    case '8N1':
      return { dataBits: 8, parity: 'none', stopBits: 1 };
    case '7E1':
      return { dataBits: 7, parity: 'even', stopBits: 1 };
  }
}

export function isLineFormat(s: string): s is LineFormat {
  return (LINE_FORMATS as readonly string[]).includes(s);
}

/**
 * One opened serial port as a ByteTransport. Its `closed` is final: hot-plug (waiting
 * for the port to come back) is hotplugTransport.ts, built on this.
 */
export async function openSerialTransport(options: SerialLineOptions): Promise<ByteTransport> {
  const baudRate = options.baudRate ?? DEFAULT_BAUD_RATE;
  if (!Number.isInteger(baudRate) || baudRate < MIN_BAUD_RATE || baudRate > MAX_BAUD_RATE) {
    throw new RangeError(`baud rate must be ${MIN_BAUD_RATE}..${MAX_BAUD_RATE}, got ${baudRate}`);
  }
  const port = new SerialPort({ path: options.path, baudRate, ...lineSettings(options.format ?? '8N1'), autoOpen: false });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => {
      if (err) reject(new SerialOpenError(options.path, err.message, { cause: err }));
      else resolve();
    });
  });
  return new SerialPortTransport(options.path, port);
}

class SerialPortTransport implements ByteTransport {
  private readonly data = new ListenerSet<[Buffer]>();
  private readonly state = new ListenerSet<[TransportState, Error | undefined]>();
  private ended = false;

  constructor(
    readonly name: string,
    private readonly port: SerialPort,
  ) {
    port.on('data', (chunk: Buffer) => this.data.emit(chunk));
    // Errors on a serial port come with a 'close' (a pulled cable gives EIO, then close
    // with `disconnected`); the listener only keeps them from being unhandled.
    port.on('error', () => {});
    port.on('close', (err?: Error) => this.finish(err));
  }

  get isOpen(): boolean {
    return !this.ended && this.port.isOpen;
  }

  private finish(err?: Error): void {
    // serialport can emit 'close' twice for one pulled cable (once per failed read and write).
    if (this.ended) return;
    this.ended = true;
    this.state.emit('closed', err ? new TransportClosedError(this.name, { cause: err }) : undefined);
  }

  write(bytes: Buffer): Promise<void> {
    if (!this.isOpen) return Promise.reject(new TransportClosedError(this.name));
    return new Promise((resolve, reject) => {
      this.port.write(bytes, (err) => {
        if (err) reject(new TransportClosedError(this.name, { cause: err }));
        else resolve();
      });
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onState(listener: (state: TransportState, error?: Error) => void): () => void {
    return this.state.add(listener);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) {
      this.finish();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.port.close(() => {
        this.finish();
        resolve();
      });
    });
  }
}
