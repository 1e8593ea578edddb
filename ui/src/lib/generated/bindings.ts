// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p oneshot-station bindings` instead.

export type AppError = { code: string, message: string, details: string | null, };

export type OptimizerProfile = { "mode": "embedded_sandbox" } | { "mode": "remote" } & RemoteOptimizer;

export type RemoteOptimizer = { url: string, caPemPath: string | null, clientCertPath: string | null, clientKeyPath: string | null, };

export type SandboxStatus = { "state": "stopped" } | { "state": "starting" } | { "state": "running", url: string, } | { "state": "failed", reason: string, };

export type VaultStatus = { persistent: boolean, unavailableReason: string | null, };

export type SignInMethod = "token" | "credentials";

export type RaoSession = { username: string, method: SignInMethod, tokenHoldsPassword: boolean, tokenHoldsPin: boolean, };

export type ConnectionOverview = { optimizer: OptimizerProfile, sandbox: SandboxStatus, vault: VaultStatus, session: RaoSession | null, };

export type SignIn = { "method": "token", token: string, } | { "method": "credentials", username: string, password: string, pin: string, };

export type ConnectionReport = { url: string, hello: string, name: string, version: string, };

export type TokenSummary = { hint: string, username: string, holdsPassword: boolean, holdsPin: boolean, inUse: boolean, };

/** Event carrying a ConnectionOverview whenever the connection state changes. */
export const CONNECTION_CHANGED_EVENT = "connection-changed";

/** Every stable error code the backend can answer. */
export const ERROR_CODES = [
  "store.no_data_dir",
  "store.data_dir",
  "store.database",
  "store.migration",
  "store.corrupt",
  "connection.invalid_url",
  "connection.incomplete_client_identity",
  "connection.unreadable_file",
  "connection.invalid_tls_material",
  "sandbox.start_failed",
  "optimizer.unreachable",
  "optimizer.timeout",
  "optimizer.connection_lost",
  "optimizer.forbidden",
  "optimizer.not_found",
  "optimizer.server_error",
  "optimizer.rejected",
  "optimizer.bad_answer",
  "optimizer.invalid_input",
  "optimizer.file",
  "optimizer.failed",
  "input.required",
  "signin.unknown_token",
  "signin.invalid_credentials",
  "signin.required",
  "vault.keyring",
  "internal.task",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
