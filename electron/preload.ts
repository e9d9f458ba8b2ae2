// The renderer's only door to main (style.md: `invoke` and `on`, only for contract
// names; no raw ipcRenderer, no sendSync). Bundled to CommonJS because sandboxed
// preloads cannot load ES modules or local files.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName, type CashdeskApi } from './contract.js';

export const INVOKE_CHANNEL = 'cashdesk:invoke';
export const EVENT_CHANNEL = 'cashdesk:event';

const api: CashdeskApi = {
  invoke(channel, payload) {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, code: 'UNKNOWN_CHANNEL', message: `未知的请求通道 / Unknown channel "${String(channel)}"` });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event "${String(event)}"`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.off(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('cashdesk', api);
