// Binds the contract to the app over Electron IPC (architecture.md). Main treats the
// renderer as untrusted: check the sender frame, then the schema (dispatch.ts), then the
// service; never throw across IPC.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { App } from './app.js';
import { dispatch } from './dispatch.js';
import { APP_ORIGIN, isOwnUrl } from './security.js';

const INVOKE_CHANNEL = 'cashdesk:invoke';
const EVENT_CHANNEL = 'cashdesk:event';

export function bindIpc(app: App, windows: () => BrowserWindow[], devServerUrl?: string): () => void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false; // top-level frames of our windows only
    const ours = windows().some((w) => !w.isDestroyed() && w.webContents.id === event.sender.id);
    return ours && (frame.url.startsWith(`${APP_ORIGIN}/`) || isOwnUrl(frame.url, devServerUrl));
  };

  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    if (!trusted(event)) {
      app.logger.log('warn', 'ipc.refused-sender', { url: event.senderFrame?.url ?? null });
      return { ok: false, code: 'FORBIDDEN_SENDER', message: '请求来自未知页面，已拒绝。/ Request from an unknown page was refused.' };
    }
    return dispatch(app.handlers, channel, payload, app.logger);
  });

  const off = app.events.onAny((name, payload) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, name, payload);
  });

  return () => {
    off();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
