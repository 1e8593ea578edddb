// The UI's one door to the backend: every command and event, typed with the
// declarations generated from the Rust types.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

import { StationError, toAppError } from './errors';
import {
  CONNECTION_CHANGED_EVENT,
  type ConnectionOverview,
  type ConnectionReport,
  type OptimizerProfile,
  type SignIn,
  type TokenSummary,
} from './generated/bindings';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw new StationError(toAppError(raw));
  }
}

export const api = {
  /** The Optimizer in use, the sandbox's state, the vault and the signed-in RAO. */
  connectionOverview: () => call<ConnectionOverview>('connection_overview'),
  /** Checks and switches to another Optimizer. */
  chooseOptimizer: (profile: OptimizerProfile) =>
    call<ConnectionOverview>('choose_optimizer', { profile }),
  /** hello and version of the Optimizer in use. */
  testConnection: () => call<ConnectionReport>('test_connection'),
  signIn: (request: SignIn) => call<ConnectionOverview>('sign_in', { request }),
  signOut: () => call<ConnectionOverview>('sign_out'),
  listTokens: () => call<TokenSummary[]>('list_tokens'),
  /** The backend's connection state whenever it changes (sandbox started, sign-in…). */
  onConnectionChanged: (handler: (overview: ConnectionOverview) => void): Promise<UnlistenFn> =>
    listen<ConnectionOverview>(CONNECTION_CHANGED_EVENT, (event) => handler(event.payload)),
};
