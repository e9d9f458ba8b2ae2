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

// ---- operators (issue 5) ----------------------------------------------------------
export type Role = 'cashier' | 'supervisor' | 'admin';
export type SignInPolicy = 'per-shift' | 'per-transaction' | 'idle-lock';
export interface PolicySettings {
  policy: SignInPolicy;
  /** idle-lock: minutes without activity before the counter locks. */
  idleMinutes: number;
  /** A supervisor confirms each cashier's sign-in. */
  supervisorAtSignIn: boolean;
}
export interface Operator {
  id: string;
  role: Role;
  name: string;
  active: boolean;
  lockedUntil: string | null;
  accounts: string[];
}
export type OperatorSessionState = 'signed-out' | 'signed-in' | 'locked';
export interface OperatorSession {
  state: OperatorSessionState;
  operatorId: string | null;
  role: Role | null;
  accountId: string | null;
  since: string | null;
  policy: SignInPolicy;
}
export type SignInResult =
  | { status: 'signed-in'; session: OperatorSession }
  | { status: 'choose-account'; accounts: Array<{ id: string; name: string }> }
  | { status: 'needs-supervisor' };
export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
}
export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  detail: string | null;
}

// ---- terminal (issue 5, the bank side) ------------------------------------------------
export type SignInStep =
  | 'not-configured'
  | 'idle'
  | 'probing-pad'
  | 'selecting-key'
  | 'contacting-host'
  | 'loading-keys'
  | 'signed-in'
  | 'retry-wait'
  | 'failed'
  | 'signing-off'
  | 'signed-off';
export type KeyLabel = 'PIK' | 'MAK' | 'TDK';
export interface TerminalStatus {
  step: SignInStep;
  signedIn: boolean;
  accountId: string;
  merchantId: string | null;
  terminalId: string | null;
  merchantName: string | null;
  batchNo: string | null;
  signedInAt: string | null;
  hostTime: string | null;
  /** Seconds the host clock is ahead of ours at sign-in (F12/F13). */
  clockDriftSeconds: number | null;
  keys: KeyLabel[];
  pad: { protocol: string; model: string | null; serial: string | null } | null;
  /** Why the last attempt failed, in words (Chinese / English). */
  failure: { code: string; message: string } | null;
  attempts: number;
  nextRetryAt: string | null;
  /** The session came back from the database without a new 0800. */
  restored: boolean;
}
export interface TerminalSignInView {
  ok: true;
  batch: string;
  keys: KeyLabel[];
  hostTime: string | null;
  restored: boolean;
}
export interface TerminalConfigView {
  accountId: string;
  merchantId: string;
  terminalId: string;
  merchantName: string;
  host: string;
  port: number;
  tls: boolean;
  caFile: string | null;
  tpdu: string;
  header: string;
  netCode: '001' | '003' | '004';
  pinpadPort: string | null;
  pinpadBaud: number;
  pinpadFormat: '8N1' | '7E1';
  masterKeySlot: number;
  replyTimeoutMs: number;
  reversalRetries: number;
  dailySignInAt: string | null;
  signOffAfterSettle: boolean;
}
export interface PinpadStateView {
  state: 'absent' | 'disconnected' | 'connecting' | 'ready' | 'busy' | 'awaiting-card' | 'awaiting-pin' | 'closed';
  message: string | null;
}

const empty = z.object({}).strict();
const operatorId = z.string().regex(/^\d{2}$/, 'two digits / 两位数字');
const password = z.string().min(4).max(12).regex(/^\d+$/, 'digits only / 仅限数字');
const supervisor = z.object({ operatorId, password }).strict();

export const contract = {
  'app.status': { req: empty, res: reply<AppStatus>() },

  'operator.setupNeeded': { req: empty, res: reply<{ needed: boolean }>() },
  'operator.firstSetup': {
    req: z.object({ supervisorPassword: password, adminPassword: password }).strict(),
    res: reply<{ ok: true }>(),
  },
  'operator.signIn': {
    req: z.object({ operatorId, password, accountId: z.string().min(1).max(32).optional(), supervisor: supervisor.optional() }).strict(),
    res: reply<SignInResult>(),
  },
  'operator.session': { req: empty, res: reply<OperatorSession>() },
  'operator.signOut': { req: empty, res: reply<OperatorSession>() },
  'operator.switch': { req: empty, res: reply<OperatorSession>() },
  'operator.lock': { req: empty, res: reply<OperatorSession>() },
  'operator.unlock': { req: z.object({ password }).strict(), res: reply<OperatorSession>() },
  'operator.authorizeTransaction': { req: z.object({ password: password.optional() }).strict(), res: reply<{ operatorId: string; accountId: string }>() },
  'operator.list': { req: empty, res: reply<Operator[]>() },
  'operator.add': {
    req: z.object({ id: operatorId, name: z.string().max(32).optional(), password, supervisor }).strict(),
    res: reply<Operator>(),
  },
  'operator.unlockOperator': { req: z.object({ id: operatorId, supervisor }).strict(), res: reply<{ ok: true }>() },
  'operator.policy': { req: empty, res: reply<PolicySettings>() },
  'operator.setPolicy': {
    req: z
      .object({
        policy: z.enum(['per-shift', 'per-transaction', 'idle-lock']).optional(),
        idleMinutes: z.number().int().min(1).max(240).optional(),
        supervisorAtSignIn: z.boolean().optional(),
        supervisor,
      })
      .strict(),
    res: reply<PolicySettings>(),
  },
  'terminal.status': { req: empty, res: reply<TerminalStatus>() },
  'terminal.signIn': { req: empty, res: reply<TerminalSignInView>() },
  'terminal.signOff': { req: z.object({ supervisor }).strict(), res: reply<{ ok: true }>() },
  'terminal.config': { req: empty, res: reply<TerminalConfigView | null>() },
  'terminal.configure': {
    req: z
      .object({
        merchantId: z.string().length(15, '15 characters / 15 位'),
        terminalId: z.string().length(8, '8 characters / 8 位'),
        merchantName: z.string().max(40).optional(),
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65535),
        tls: z.boolean().optional(),
        caFile: z.string().max(1024).nullable().optional(),
        tpdu: z.string().regex(/^60[0-9A-Fa-f]{8}$/, 'TPDU: 60 + 8 hex digits').optional(),
        header: z.string().regex(/^[0-9A-Fa-f]{12}$/, 'header: 12 hex digits').optional(),
        netCode: z.enum(['001', '003', '004']).optional(),
        pinpadPort: z.string().max(256).nullable().optional(),
        pinpadBaud: z.number().int().min(1200).max(115200).optional(),
        pinpadFormat: z.enum(['8N1', '7E1']).optional(),
        masterKeySlot: z.number().int().min(0).max(9).optional(),
        replyTimeoutMs: z.number().int().min(1000).max(120000).optional(),
        reversalRetries: z.number().int().min(1).max(10).optional(),
        dailySignInAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').nullable().optional(),
        signOffAfterSettle: z.boolean().optional(),
        supervisor,
      })
      .strict(),
    res: reply<TerminalConfigView>(),
  },
  'device.reset': { req: empty, res: reply<{ operator: OperatorSession; terminal: TerminalStatus }>() },
  'pinpad.state': { req: empty, res: reply<PinpadStateView>() },

  'audit.verify': { req: empty, res: reply<AuditVerification>() },
  'audit.recent': { req: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), res: reply<AuditEntryView[]>() },
} as const;

export const events = {
  'app.status': reply<AppStatus>(),
  'operator.session': reply<OperatorSession>(),
  'terminal.status': reply<TerminalStatus>(),
  'pinpad.state': reply<PinpadStateView>(),
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
