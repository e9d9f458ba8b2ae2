import { afterEach, describe, expect, it } from 'vitest';
import { createPipePair, type ByteTransport, type PipePair } from '../../../native/serial/byteTransport.js';
import { TransportClosedError } from '../../../native/serial/errors.js';
import { createHotplugTransport, type HotplugTransport } from '../../../native/serial/hotplugTransport.js';
import { DEFAULT_PINPAD_USB_IDS, findPinpadPorts, isCdcAcm, locateReturnedPort, matchesUsbId, type PortInfo } from '../../../native/serial/portDiscovery.js';
import { lineSettings } from '../../../native/serial/serialTransport.js';
import { createPinpadDriver } from '../../../native/pinpad/driver.js';
import { createPinpadEmulator } from '../../../native/pinpad/emulator.js';

const PORTS: PortInfo[] = [
  { path: '/dev/ttyS0' },
  { path: '/dev/ttyUSB0', vendorId: '1A86', productId: '7523', serialNumber: undefined, manufacturer: 'QinHeng' },
  { path: '/dev/ttyUSB1', vendorId: '067b', productId: '2303', serialNumber: 'PL1' },
  { path: '/dev/ttyUSB2', vendorId: '10c4', productId: 'ea60', serialNumber: 'CP1' },
  { path: '/dev/ttyUSB3', vendorId: '0403', productId: '6001', serialNumber: 'FT1' },
  { path: '/dev/ttyUSB4', vendorId: '0403', productId: '6015', serialNumber: 'FT2' },
  { path: '/dev/ttyACM0', vendorId: '2b3c', productId: '0001', serialNumber: 'PAD9' },
  { path: 'COM7', vendorId: '1234', productId: '5678', manufacturer: 'Microsoft', pnpId: 'USB\\VID_1234&PID_5678\\0001' },
];

describe('port discovery (issue 4)', () => {
  it('recognises the common bridges by USB id, any case, and CDC-ACM devices by their driver', async () => {
    expect(DEFAULT_PINPAD_USB_IDS.map((i) => i.label)).toEqual(['CH340', 'PL2303', 'CP210x', 'FTDI']);
    expect(matchesUsbId(PORTS[1]!, DEFAULT_PINPAD_USB_IDS)?.label).toBe('CH340');
    expect(matchesUsbId(PORTS[5]!, DEFAULT_PINPAD_USB_IDS)).toBeUndefined();
    expect(isCdcAcm(PORTS[6]!)).toBe(true);
    expect(isCdcAcm(PORTS[7]!)).toBe(true);
    expect(isCdcAcm(PORTS[0]!)).toBe(false);
    const found = await findPinpadPorts({ listPorts: async () => PORTS });
    expect(found.map((p) => [p.path, p.reason])).toEqual([
      ['/dev/ttyUSB0', 'usb-id'],
      ['/dev/ttyUSB1', 'usb-id'],
      ['/dev/ttyUSB2', 'usb-id'],
      ['/dev/ttyUSB3', 'usb-id'],
      ['/dev/ttyACM0', 'cdc-acm'],
      ['COM7', 'cdc-acm'],
    ]);
  });

  it('always accepts a configured path, listed or not, and takes configured ids', async () => {
    const found = await findPinpadPorts({ listPorts: async () => PORTS, configuredPaths: ['/tmp/pty/A', '/dev/ttyS0'], ids: [{ vendorId: '0403', productId: '6015', label: 'FT231X' }], includeCdcAcm: false });
    expect(found.map((p) => [p.path, p.reason])).toEqual([
      ['/tmp/pty/A', 'configured'],
      ['/dev/ttyS0', 'configured'],
      ['/dev/ttyUSB4', 'usb-id'],
    ]);
  });

  it('finds a replugged pad at its old path, or by USB serial number at a new one', () => {
    expect(locateReturnedPort([], '/dev/ttyUSB0', 'PAD9', true)).toBe('/dev/ttyUSB0');
    expect(locateReturnedPort(PORTS, '/dev/ttyUSB9', 'PAD9', false)).toBe('/dev/ttyACM0');
    expect(locateReturnedPort(PORTS, '/dev/ttyUSB9', undefined, false)).toBeUndefined();
    expect(locateReturnedPort(PORTS, 'COM7', undefined, false)).toBe('COM7');
  });

  it('maps 8N1 and 7E1 to line settings', () => {
    expect(lineSettings('8N1')).toEqual({ dataBits: 8, parity: 'none', stopBits: 1 });
    expect(lineSettings('7E1')).toEqual({ dataBits: 7, parity: 'even', stopBits: 1 });
  });
});

describe('in-process pipe', () => {
  it('carries bytes both ways in order, and unplug/replug/close report states', async () => {
    const pair = createPipePair();
    const got: string[] = [];
    pair.b.onData((c) => got.push(c.toString()));
    const states: string[] = [];
    pair.a.onState((s) => states.push(`a:${s}`));
    pair.b.onState((s) => states.push(`b:${s}`));
    await pair.a.write(Buffer.from('one'));
    await pair.a.write(Buffer.from('two'));
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual(['one', 'two']);
    pair.unplug();
    await expect(pair.a.write(Buffer.from('x'))).rejects.toBeInstanceOf(TransportClosedError);
    pair.replug();
    await pair.close();
    expect(states).toEqual(['a:closed', 'b:closed', 'a:open', 'b:open', 'a:closed', 'b:closed']);
    expect(pair.b.isOpen).toBe(false);
  });
});

describe('hot-plug transport (injected ports)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  /** A fake USB world: device nodes that exist, what SerialPort.list() says, and a pipe per open. */
  function world() {
    const nodes = new Map<string, string>();
    let ports: PortInfo[] = [];
    const opened: Array<{ path: string; pair: PipePair }> = [];
    return {
      nodes,
      setPorts: (p: PortInfo[]) => (ports = p),
      opened,
      options: {
        pollMs: 10,
        listPorts: async () => ports,
        nodeIdentity: (p: string) => nodes.get(p),
        openPort: async (o: { path: string }): Promise<ByteTransport> => {
          if (!nodes.has(o.path)) throw new Error('ENOENT');
          const pair = createPipePair();
          opened.push({ path: o.path, pair });
          return pair.a;
        },
      },
    };
  }
  const until = (t: HotplugTransport, s: 'open' | 'closed'): Promise<void> => new Promise((r) => t.onState((x) => x === s && r()));

  it('waits for a port that is not there yet, then opens it', async () => {
    const w = world();
    const t = createHotplugTransport({ path: '/dev/ttyUSB0', ...w.options });
    closers.push(() => t.close());
    await new Promise((r) => setTimeout(r, 30));
    expect(t.isOpen).toBe(false);
    w.nodes.set('/dev/ttyUSB0', 'v1');
    await t.whenOpen();
    expect(t.isOpen).toBe(true);
  });

  it('a pad replugged into another socket is found by its USB serial number', async () => {
    const w = world();
    w.nodes.set('/dev/ttyUSB0', 'v1');
    w.setPorts([{ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', serialNumber: 'PAD-42' }]);
    const t = createHotplugTransport({ path: '/dev/ttyUSB0', ...w.options });
    closers.push(() => t.close());
    await t.whenOpen();
    await new Promise((r) => setTimeout(r, 20)); // it learns the serial number after opening
    const closed = until(t, 'closed');
    w.nodes.delete('/dev/ttyUSB0');
    w.setPorts([]);
    w.opened[0]!.pair.unplug();
    await closed;
    const reopened = until(t, 'open');
    w.nodes.set('/dev/ttyUSB1', 'v9');
    w.setPorts([{ path: '/dev/ttyUSB1', vendorId: '1a86', productId: '7523', serialNumber: 'PAD-42' }]);
    await reopened;
    expect(t.path).toBe('/dev/ttyUSB1');
    const got: Buffer[] = [];
    t.onData((c) => got.push(c));
    await w.opened.at(-1)!.pair.b.write(Buffer.from('hi'));
    await new Promise((r) => setImmediate(r));
    expect(Buffer.concat(got).toString()).toBe('hi');
  });

  it('notices its device node recreated even when the old port never reported the loss', async () => {
    const w = world();
    w.nodes.set('/dev/ttyACM0', 'v1');
    const t = createHotplugTransport({ path: '/dev/ttyACM0', ...w.options });
    closers.push(() => t.close());
    await t.whenOpen();
    const states: string[] = [];
    t.onState((s) => states.push(s));
    const reopened = until(t, 'open');
    w.nodes.set('/dev/ttyACM0', 'v2'); // unplugged and back between two polls
    await reopened;
    expect(states).toEqual(['closed', 'open']);
    expect(w.opened).toHaveLength(2);
  });
});

describe('wire bytes of a CUP MAC', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it('are the same for a 100- and a 1000-byte message, and at most 60 (the XOR is done before the pad)', async () => {
    const pair = createPipePair();
    let bytes = 0;
    pair.a.onData((c) => (bytes += c.length));
    pair.b.onData((c) => (bytes += c.length));
    const emulator = createPinpadEmulator(pair.b, { masterKeys: { 1: '0123456789ABCDEFFEDCBA9876543210' } });
    const driver = createPinpadDriver(pair.a);
    closers.push(() => driver.close(), () => emulator.close());
    await driver.probe();
    await driver.loadWorkingKey('M', '9B3A7B883A100F73B4ABA2BB791C50E7', '', { masterSlot: 1 });
    const counts: number[] = [];
    for (const size of [100, 1000]) {
      await new Promise((r) => setImmediate(r));
      bytes = 0;
      await driver.mac('E', Buffer.alloc(size, 0x31));
      await new Promise((r) => setImmediate(r)); // the host's final ACK reaches the pad
      counts.push(bytes);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(60);
  });
});
