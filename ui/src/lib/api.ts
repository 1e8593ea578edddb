// The connection commands and events, typed with the declarations generated from
// the Rust types. Each screen keeps its own commands next to it (e.g. admin/api.ts).
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

import {
  CONNECTION_CHANGED_EVENT,
  type ConnectionOverview,
  type ConnectionReport,
  type OptimizerProfile,
  type SignIn,
  type TokenSummary,
} from './generated/bindings';
import { call } from './ipc';

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
