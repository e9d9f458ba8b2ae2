import type { App } from '../../electron/app.js';
import type { Channel, Reply, Request, Result } from '../../electron/contract.js';
import { dispatch } from '../../electron/dispatch.js';

/**
 * Calls the app exactly as ipc.ts and the test bridge do (schema validation, Result
 * envelope), minus the transport. Bridge tests cover the transport itself.
 */
export function contractClient(app: App) {
  return {
    call<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<Reply<C>>> {
      return dispatch(app.handlers, channel, payload) as Promise<Result<Reply<C>>>;
    },
    async ok<C extends Channel>(channel: C, payload: Request<C>): Promise<Reply<C>> {
      const r = (await dispatch(app.handlers, channel, payload)) as Result<Reply<C>>;
      if (!r.ok) throw new Error(`${channel} failed: ${r.code} ${r.message}`);
      return r.value;
    },
  };
}
