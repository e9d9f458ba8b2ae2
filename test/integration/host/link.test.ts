// HostLink over real TCP on 127.0.0.1 against the training host (and, for replies the
// training host would never send, a raw socket server).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { desEncrypt } from '../../../native/crypto/des.js';
import { iso0PinBlock } from '../../../native/crypto/pinBlock.js';
import { encryptTrackTdb } from '../../../native/crypto/trackData.js';
import { createLogger } from '../../../native/log/logger.js';
import { decodeFrame, encodeFrame, replyMti, swapTpdu, type IsoMessage } from '../../../electron/host/codec.js';
import {
  HostDisconnectedError,
  HostFrameError,
  HostLinkError,
  HostMacError,
  HostReplyMismatchError,
  HostTimeoutError,
  HostUnreachableError,
} from '../../../electron/host/errors.js';
import { HOST_REPLY_TIMEOUT_MS, HostLink } from '../../../electron/host/link.js';
import { buildSale, buildSignIn, parseReply, type TerminalContext } from '../../../electron/host/messages.js';
import { softwareMac } from '../../../electron/host/messageMac.js';
import { startTrainingHost, type TrainingHost } from '../../../electron/host/simulator.js';
import { signInForTest, TEST_TMK, terminalContext, type SignedIn } from '../../support/hostFixtures.js';

const PAN = '6222021234567890128';
const TRACK2 = '6222021234567890128D28122201234567';

async function caught(p: Promise<unknown>): Promise<HostLinkError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostLinkError) return e;
    throw e;
  }
  throw new Error('expected a HostLinkError, the exchange succeeded');
}

let stanCounter = 100;
const nextStan = (): string => String(++stanCounter).padStart(6, '0');

function sale(ctx: TerminalContext, keys: SignedIn, amount = 1234): ReturnType<typeof buildSale> {
  return buildSale(
    { ...ctx, batchNo: keys.batchNo },
    {
      stan: nextStan(),
      amount,
      card: { entry: 'swipe', pan: PAN, track2: encryptTrackTdb(keys.trackKey!, TRACK2), tracksEncrypted: true },
      pinBlock: desEncrypt(keys.pinKey, iso0PinBlock('123456', PAN)),
    },
  );
}

describe('HostLink against the training host', () => {
  let sim: TrainingHost;
  let link: HostLink;
  let keys: SignedIn;
  const ctx = terminalContext();

  beforeEach(async () => {
    sim = await startTrainingHost({ tmk: TEST_TMK });
    link = new HostLink({ host: '127.0.0.1', port: sim.port, replyTimeoutMs: 5_000 });
    keys = await signInForTest(link, ctx, nextStan());
  });

  afterEach(async () => {
    await link.close();
    await sim.close();
  });

  it('signs in: the three key ciphertexts decrypt under the TMK to keys whose KCVs match', () => {
    // signInForTest throws on a KCV mismatch; the keys are the ones the host issued.
    expect(keys.trackKey).toBeDefined();
    expect(sim.session(ctx.tid)?.keys?.macKey.equals(keys.macKey)).toBe(true);
    expect(sim.session(ctx.tid)?.keys?.pinKey.equals(keys.pinKey)).toBe(true);
    expect(HOST_REPLY_TIMEOUT_MS).toBe(30_000);
  });

  it('a sale is approved: the host verified our MAC, PIN block and encrypted track, and we verified its MAC', async () => {
    const reply = await link.exchange(sale(ctx, keys), { macFn: keys.macFn });
    const info = parseReply(reply.message);
    expect(info.outcome).toMatchObject({ code: '00', approved: true });
    expect(reply.message.fields[64]).toMatch(/^[0-9A-F]{16}$/);
    expect(sim.ledger.entries()).toMatchObject([{ type: 'sale', amount: 1234, status: 'approved', maskedPan: '622202*********0128', rrn: info.rrn }]);
  });

  it('a reply with a wrong MAC is a HostMacError (A0); the host did process the sale', async () => {
    sim.faults.badMac();
    const e = await caught(link.exchange(sale(ctx, keys), { macFn: keys.macFn }));
    expect(e).toBeInstanceOf(HostMacError);
    expect(e.maybeSent).toBe(true);
    expect(e.reversalReason).toBe('A0');
    expect(sim.ledger.entries()[0]?.status).toBe('approved');
  });

  it('no reply is a HostTimeoutError naming HOST_REPLY_TIMEOUT_MS; the next request reconnects', async () => {
    sim.faults.noReply();
    const e = await caught(link.exchange(sale(ctx, keys), { macFn: keys.macFn, timeoutMs: 300 }));
    expect(e).toBeInstanceOf(HostTimeoutError);
    expect(e).toMatchObject({ maybeSent: true, reversalReason: '98', timeoutMs: 300 });
    expect(e.en).toContain('HOST_REPLY_TIMEOUT_MS');
    expect(link.state).toBe('disconnected');
    const next = await link.exchange(sale(ctx, keys), { macFn: keys.macFn });
    expect(parseReply(next.message).outcome.approved).toBe(true);
  });

  it('a connection lost mid-reply is a HostDisconnectedError that may have been sent (06)', async () => {
    sim.faults.disconnectMidReply();
    const e = await caught(link.exchange(sale(ctx, keys), { macFn: keys.macFn }));
    expect(e).toBeInstanceOf(HostDisconnectedError);
    expect(e).toMatchObject({ maybeSent: true, reversalReason: '06' });
    const next = await link.exchange(sale(ctx, keys), { macFn: keys.macFn });
    expect(parseReply(next.message).outcome.approved).toBe(true);
  });

  it('garbage in reply is a HostFrameError, traced with the decode error and no bytes', async () => {
    sim.faults.garbage();
    const e = await caught(link.exchange(sale(ctx, keys), { macFn: keys.macFn }));
    expect(e).toBeInstanceOf(HostFrameError);
    expect(e.maybeSent).toBe(true);
    expect(link.trace.entries().at(-1)).toMatchObject({ direction: 'received', error: expect.stringContaining('TPDU') });
  });

  it('reconnects after the host drops an idle connection', async () => {
    sim.dropConnections();
    await new Promise((r) => setTimeout(r, 50));
    expect(link.state).toBe('disconnected');
    const reply = await link.exchange(sale(ctx, keys), { macFn: keys.macFn });
    expect(parseReply(reply.message).outcome.approved).toBe(true);
  });

  it('traces every frame with the PAN masked and track, PIN block and keys redacted', async () => {
    const logger = createLogger({}, 'test');
    const traced = new HostLink({ host: '127.0.0.1', port: sim.port, logger });
    const k = await signInForTest(traced, ctx, nextStan());
    await traced.exchange(sale(ctx, k), { macFn: k.macFn });
    await traced.close();
    const text = JSON.stringify(traced.trace.entries()) + JSON.stringify(logger.records());
    expect(traced.trace.entries().map((t) => `${t.direction} ${t.mti}`)).toEqual(['sent 0800', 'received 0810', 'sent 0200', 'received 0210']);
    expect(text).not.toContain(PAN);
    expect(text).not.toContain(TRACK2.slice(0, 20));
    expect(text).not.toContain(k.macKey.toString('hex').toUpperCase());
    expect(text).toContain('622202*********0128');
  });

  it('refuses to send a MAC-bearing request without a MAC function, sending nothing', async () => {
    const before = sim.messageCount;
    await expect(link.exchange(sale(ctx, keys))).rejects.toMatchObject({ code: 'MAC_REQUIRED' });
    expect(sim.messageCount).toBe(before);
  });
});

describe('HostLink when the host is down', () => {
  it('is a HostUnreachableError that was never sent', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const link = new HostLink({ host: '127.0.0.1', port });
    const e = await caught(link.exchange(buildSignIn(terminalContext(), { stan: '000001', scheme: '004' })));
    expect(e).toBeInstanceOf(HostUnreachableError);
    expect(e).toMatchObject({ maybeSent: false, reversalReason: null });
    expect(e.zh).toContain('交易未发送');
    await link.close();
  });
});

/** A raw host: hands each request frame to `answer`, which writes what it likes. */
async function rawHost(answer: (req: IsoMessage, socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= buf.readUInt16BE(0) + 2) {
        const frame = buf.subarray(0, buf.readUInt16BE(0) + 2);
        buf = buf.subarray(frame.length);
        answer(decodeFrame(frame), socket);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

const answerTo = (req: IsoMessage, change: Partial<IsoMessage> = {}, fields: Record<number, string> = {}): Buffer =>
  encodeFrame({ tpdu: swapTpdu(req.tpdu), header: req.header, mti: replyMti(req.mti), ...change, fields: { ...req.fields, 39: '00', ...fields } });

describe('HostLink reply checks (raw host)', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  async function linkTo(answer: (req: IsoMessage, socket: Socket) => void): Promise<HostLink> {
    const { server, port } = await rawHost(answer);
    servers.push(server);
    return new HostLink({ host: '127.0.0.1', port, replyTimeoutMs: 2_000 });
  }

  it.each([
    ['STAN', (req: IsoMessage) => answerTo(req, {}, { 11: '999999' })],
    ['MTI', (req: IsoMessage) => answerTo(req, { mti: '0830' })],
    ['TPDU', (req: IsoMessage) => answerTo(req, { tpdu: req.tpdu })],
  ] as const)('a reply with another %s is a HostReplyMismatchError', async (what, reply) => {
    const link = await linkTo((req, socket) => socket.write(reply(req)));
    const e = await caught(link.exchange(buildSignIn(terminalContext(), { stan: '000001', scheme: '004' })));
    expect(e).toBeInstanceOf(HostReplyMismatchError);
    expect(e).toBeInstanceOf(HostFrameError);
    expect((e as HostReplyMismatchError).mismatch).toBe(what);
    expect(e.maybeSent).toBe(true);
    await link.close();
  });

  it('an approving reply to a MAC-bearing request without F64 is a HostMacError; a decline without one is accepted', async () => {
    let code = '00';
    const link = await linkTo((req, socket) => {
      const fields: Record<number, string> = { ...req.fields, 39: code };
      delete fields[64];
      socket.write(encodeFrame({ tpdu: swapTpdu(req.tpdu), header: req.header, mti: replyMti(req.mti), fields }));
    });
    const mac = softwareMac(Buffer.alloc(8, 1));
    const keysForSale: SignedIn = { batchNo: '000001', pinKey: Buffer.alloc(16, 2), macKey: Buffer.alloc(8, 1), trackKey: Buffer.alloc(16, 3), macFn: mac };
    expect(await caught(link.exchange(sale(terminalContext(), keysForSale), { macFn: mac }))).toBeInstanceOf(HostMacError);
    code = '51';
    const declined = await link.exchange(sale(terminalContext(), keysForSale), { macFn: mac });
    expect(declined.message.fields[39]).toBe('51');
    await link.close();
  });

  it('keeps one request in flight: concurrent exchanges queue and each gets its own reply', async () => {
    let outstanding = 0;
    let maxOutstanding = 0;
    const link = await linkTo((req, socket) => {
      outstanding += 1;
      maxOutstanding = Math.max(maxOutstanding, outstanding);
      setTimeout(() => {
        outstanding -= 1;
        socket.write(answerTo(req));
      }, 30);
    });
    const stans = ['000011', '000012', '000013'];
    const replies = await Promise.all(stans.map((stan) => link.exchange(buildSignIn(terminalContext(), { stan, scheme: '004' }))));
    expect(replies.map((r) => r.message.fields[11])).toEqual(stans);
    expect(maxOutstanding).toBe(1);
    await link.close();
  });

  it('a length prefix no frame of this profile has is a HostFrameError, without waiting for the timeout', async () => {
    const link = await linkTo((_req, socket) => socket.write(Buffer.from([0xff, 0xff, 0x60])));
    const started = Date.now();
    expect(await caught(link.exchange(buildSignIn(terminalContext(), { stan: '000001', scheme: '004' })))).toBeInstanceOf(HostFrameError);
    expect(Date.now() - started).toBeLessThan(2_000);
    await link.close();
  });
});

describe('HostLink over TLS with a configured CA file', () => {
  let dir: string;
  let sim: TrainingHost;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cashdesk-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    sim = await startTrainingHost({ tmk: TEST_TMK, tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) } });
  });

  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in when the host certificate chains to the CA file', async () => {
    const link = new HostLink({ host: '127.0.0.1', port: sim.port, tls: { caFile: join(dir, 'cert.pem') } });
    const k = await signInForTest(link, terminalContext(), '000001');
    expect(k.macKey.length).toBe(8);
    await link.close();
  });

  it('refuses a host whose certificate the CA does not vouch for: unreachable, nothing sent', async () => {
    const link = new HostLink({ host: '127.0.0.1', port: sim.port, tls: {} });
    const before = sim.messageCount;
    const e = await caught(link.exchange(buildSignIn(terminalContext(), { stan: '000002', scheme: '004' })));
    expect(e).toBeInstanceOf(HostUnreachableError);
    expect(sim.messageCount).toBe(before);
    await link.close();
  });
});
