// The one IPC contract (architecture.md, style.md §1): every channel's name, the zod
// schema of its request and the type of its reply; every event's name and payload.
// preload.ts, ipc.ts, the test bridge and renderer/api.ts all derive from this file.
// It imports zod only, so the renderer can import its types without pulling in Node.
import { z } from 'zod';

/** Phantom marker for a reply type: the schema validates requests; replies are typed only. */
function reply<T>(): T {
  return undefined as unknown as T;
}

export type LinkState = 'disconnected' | 'connecting' | 'connected' | 'error';
export type DeviceState = 'absent' | 'connecting' | 'ready' | 'busy' | 'disconnected' | 'error';

export interface AppStatus {
  version: string;
  dbPath: string;
  schemaVersion: number;
  training: boolean;
  startedAt: string;
  devices: { pinpad: DeviceState; printer: DeviceState };
  hostLink: LinkState;
}

const empty = z.object({}).strict();

export const contract = {
  'app.status': { req: empty, res: reply<AppStatus>() },
} as const;

export const events = {
  'app.status': reply<AppStatus>(),
} as const;

export type Channel = keyof typeof contract;
export type EventName = keyof typeof events;
export type Request<C extends Channel> = z.input<(typeof contract)[C]['req']>;
export type ParsedRequest<C extends Channel> = z.output<(typeof contract)[C]['req']>;
export type Reply<C extends Channel> = (typeof contract)[C]['res'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export type Failure = { ok: false; code: string; message: string };
export type Result<T> = { ok: true; value: T } | Failure;

export const channelNames = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** The API the renderer sees as `window.cashdesk` (preload) or through the bridge. */
export interface CashdeskApi {
  invoke<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<Reply<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
