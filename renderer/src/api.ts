// Typed client of the contract. In Electron the preload provides window.cashdesk; in
// development and tests the same API is carried over the test bridge's WebSocket. A
// packaged app always has window.cashdesk, so it never opens a socket.
import type { CashdeskApi, Channel, EventName, EventPayload, Reply, Request, Result } from '../../electron/contract.js';

declare global {
  interface Window {
    cashdesk?: CashdeskApi;
  }
}

type Pending = (result: Result<unknown>) => void;

/** Fired on window when the bridge socket comes back after a drop. */
export const RECONNECTED_EVENT = 'cashdesk:reconnected';

function bridgeApi(): CashdeskApi {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token') ?? sessionStorage.getItem('cashdesk.bridgeToken') ?? '';
  // Keep the token for reloads of this tab, and take it out of the address bar.
  if (params.get('token')) {
    sessionStorage.setItem('cashdesk.bridgeToken', token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const url = `ws://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let wasOpen = false;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
        // Events sent while the socket was down are lost: screens re-read their state.
        if (wasOpen) window.dispatchEvent(new Event(RECONNECTED_EVENT));
        wasOpen = true;
      };
      ws.onerror = () => reject(new Error('bridge connection failed'));
      ws.onclose = () => {
        opened = null;
        socket = null;
        for (const [id, p] of pending) {
          pending.delete(id);
          p({ ok: false, code: 'BRIDGE_CLOSED', message: '与收银主程序的连接已断开，请刷新页面。/ Lost the connection to the cashier core; reload the page.' });
        }
        setTimeout(() => void connect().catch(() => undefined), 1000);
      };
      ws.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
        if (msg.event) {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
        } else if (typeof msg.id === 'number' && msg.result) {
          pending.get(msg.id)?.(msg.result);
          pending.delete(msg.id);
        }
      };
    });
    return opened;
  };

  return {
    async invoke(channel, payload) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return { ok: false, code: 'BRIDGE_UNAVAILABLE', message: '无法连接收银主程序。/ Cannot reach the cashier core.' } as never;
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        ws.send(JSON.stringify({ id, channel, payload }));
      });
    },
    on(event, listener) {
      void connect().catch(() => undefined);
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
}

const api: CashdeskApi = window.cashdesk ?? bridgeApi();

export function invoke<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<Reply<C>>> {
  return api.invoke(channel, payload);
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return api.on(event, listener);
}
