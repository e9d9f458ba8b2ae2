// The test bridge (architecture.md): the built renderer over HTTP on 127.0.0.1 and the
// same contract over a WebSocket guarded by a random per-run token, dispatched through
// the same table and validation as ipc.ts. Development and test builds only: the
// packaged Electron app never starts it, so a shop PC opens no port.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../app.js';
import { dispatch } from '../dispatch.js';
import { readContained } from './staticFiles.js';
import { CONTENT_SECURITY_POLICY } from '../security.js';

export interface BridgeOptions {
  /** Folder of the built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface Bridge {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** The URL a browser opens: the token travels in the fragment, never to the server log. */
  readonly openUrl: string;
  close(): Promise<void>;
}

export const BRIDGE_PATH = '/bridge';

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startBridge(app: App, options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const server: Server = createServer((req, res) => {
    // Only GET of static files; the page's CSP is the same one the Electron window gets.
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void readContained(options.rendererDir, new URL(req.url ?? '/', 'http://x').pathname).then((file) => {
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': CONTENT_SECURITY_POLICY.replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:*"),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const host = req.headers.host ?? '';
    const sameOrigin = origin === undefined || origin === `http://${host}`;
    if (url.pathname !== BRIDGE_PATH || !sameOrigin || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const unsubscribers = new Set<() => void>();
  wss.on('connection', (ws: WebSocket) => {
    const off = app.events.onAny((event, payload) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
    });
    unsubscribers.add(off);
    ws.on('close', () => {
      off();
      unsubscribers.delete(off);
    });
    ws.on('message', (data) => {
      let msg: { id?: unknown; channel?: unknown; payload?: unknown };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        ws.send(JSON.stringify({ id: null, result: { ok: false, code: 'INVALID_REQUEST', message: '请求不是有效的 JSON。/ The request is not valid JSON.' } }));
        return;
      }
      void dispatch(app.handlers, msg.channel, msg.payload, app.logger).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id ?? null, result }));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    token,
    openUrl: `${url}/#token=${token}`,
    async close() {
      for (const off of unsubscribers) off();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}
