// The one dispatch path for requests from a renderer, shared by ipc.ts (Electron) and
// the test bridge (WebSocket): parse with the contract's schema, call the app, wrap the
// outcome in a Result. Nothing thrown ever crosses to the renderer (architecture.md).
import { contract, isChannel, type Channel, type ParsedRequest, type Reply, type Result } from './contract.js';
import { isCashdeskError, toCashdeskError } from '../native/errors.js';
import type { Logger } from '../native/log/logger.js';

export type Handlers = { [C in Channel]: (req: ParsedRequest<C>) => Reply<C> | Promise<Reply<C>> };

export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown, logger?: Logger): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, code: 'UNKNOWN_CHANNEL', message: `未知的请求通道 "${String(channel)}"。/ Unknown channel "${String(channel)}".` };
  }
  const parsed = contract[channel].req.safeParse(payload ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
    return { ok: false, code: 'INVALID_REQUEST', message: `请求内容不正确（${detail}），未做任何更改。/ The request is invalid (${detail}); nothing was changed.` };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (e) {
    const err = toCashdeskError(e);
    if (!isCashdeskError(e)) logger?.log('error', 'handler.failed', { channel, error: e as Error });
    return { ok: false, code: err.code, message: err.message };
  }
}
