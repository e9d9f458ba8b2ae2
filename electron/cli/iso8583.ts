// `cashdesk iso8583 decode HEX` / `encode JSON` (spec/cli.md): a support engineer's view of
// one host frame, in the same JSON shape the codec uses.
import { z } from 'zod';
import { decodeFrame, DEFAULT_HEADER, DEFAULT_TPDU, encodeFrame } from '../host/codec.js';
import { IsoDecodeError, IsoEncodeError } from '../host/errors.js';
import { UsageError, type CliCommand } from './command.js';

function onlyArgument(args: string[], what: string): string {
  if (args.length !== 1) throw new UsageError(`expected exactly one ${what}, got ${args.length} arguments`, `需要一个${what === 'HEX' ? '十六进制报文' : 'JSON 报文'}参数，实际为 ${args.length} 个`);
  return args[0]!;
}

const messageSchema = z.object({
  tpdu: z.string().default(DEFAULT_TPDU),
  header: z.string().default(DEFAULT_HEADER),
  mti: z.string(),
  // Field numbers 2..64 only: the codec looks at no other key (a primary bitmap has no room).
  fields: z.record(
    z.string().refine((k) => /^\d+$/.test(k) && Number(k) >= 2 && Number(k) <= 64, { message: 'field numbers are 2..64' }),
    z.string(),
  ),
});

export const commands: CliCommand[] = [
  {
    path: ['iso8583', 'decode'],
    summary: 'decode one host frame / 解析主机报文',
    usage:
      'cashdesk iso8583 decode HEX\n' +
      '  HEX: one frame with its 2-byte length, e.g. 007F6000030000...\n' +
      '  prints {"tpdu","header","mti","fields":{"3":"000000",...}}: n/an/ans as characters,\n' +
      '  b as upper-case hex, track data (F35/F36) as digits with D as the separator',
    run: async (args) => {
      const hex = onlyArgument(args, 'HEX').replace(/\s+/g, '');
      if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) {
        throw new UsageError('HEX must be an even number of hexadecimal digits', '报文必须是偶数个十六进制字符');
      }
      try {
        return decodeFrame(Buffer.from(hex, 'hex'));
      } catch (e) {
        if (e instanceof IsoDecodeError) throw new UsageError(e.en, e.zh);
        throw e;
      }
    },
  },
  {
    path: ['iso8583', 'encode'],
    summary: 'encode one host frame from JSON / 组包主机报文',
    usage:
      'cashdesk iso8583 encode JSON   (JSON = - reads standard input)\n' +
      '  JSON: {"tpdu","header","mti","fields":{...}} as decode prints it; tpdu and header\n' +
      `  default to ${DEFAULT_TPDU} and ${DEFAULT_HEADER}. Prints {"hex":"..."} with the 2-byte length.`,
    run: async (args, io) => {
      const arg = onlyArgument(args, 'JSON');
      const text = arg === '-' ? await io.stdin() : arg;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new UsageError(`JSON does not parse: ${e instanceof Error ? e.message : String(e)}`, 'JSON 格式错误');
      }
      const parsed = messageSchema.safeParse(json);
      if (!parsed.success) {
        const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
        throw new UsageError(`not a message: ${why}`, `报文 JSON 不正确：${why}`);
      }
      try {
        return { hex: encodeFrame(parsed.data).toString('hex').toUpperCase() };
      } catch (e) {
        if (e instanceof IsoEncodeError) throw new UsageError(e.en, e.zh);
        throw e;
      }
    },
  },
];
