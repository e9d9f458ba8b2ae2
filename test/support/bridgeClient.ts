import WebSocket from 'ws';

/** A Node client of the test bridge, speaking the same frames as renderer/api.ts. */
export interface BridgeClient {
  invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; code?: string; message?: string }>;
  sendRaw(text: string): Promise<unknown>;
  events: Array<{ event: string; payload: unknown }>;
  close(): void;
}

export function connectBridge(url: string, token: string, origin?: string): Promise<BridgeClient> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/bridge?token=${encodeURIComponent(token)}`, origin ? { origin } : {});
  const waiting = new Map<number | null, (r: unknown) => void>();
  const events: BridgeClient['events'] = [];
  let next = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number | null; result?: unknown; event?: string; payload?: unknown };
    if (msg.event) events.push({ event: msg.event, payload: msg.payload });
    else {
      waiting.get(msg.id ?? null)?.(msg.result);
      waiting.delete(msg.id ?? null);
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        events,
        invoke(channel, payload) {
          const id = next++;
          return new Promise((r) => {
            waiting.set(id, r as (x: unknown) => void);
            ws.send(JSON.stringify({ id, channel, payload }));
          });
        },
        sendRaw(text) {
          return new Promise((r) => {
            waiting.set(null, r);
            ws.send(text);
          });
        },
        close: () => ws.close(),
      }),
    );
  });
}
