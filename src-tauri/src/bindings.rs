//! The TypeScript declarations of everything the UI sends and receives, generated from
//! the Rust types into `ui/src/lib/generated/bindings.ts`. The test fails when the
//! committed file is out of date; `UPDATE_BINDINGS=1 cargo test -p oneshot-station
//! bindings` rewrites it.

use station_core::{
    ConnectionOverview, ConnectionReport, ERROR_CODES, OptimizerProfile, RaoSession,
    RemoteOptimizer, SandboxStatus, SignIn, SignInMethod, TokenSummary, VaultStatus,
};
use ts_rs::TS;

use crate::error::ErrorPayload;
use crate::events::CONNECTION_CHANGED;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ui/src/lib/generated/bindings.ts"
);

fn render() -> String {
    let declarations = [
        ErrorPayload::decl(),
        OptimizerProfile::decl(),
        RemoteOptimizer::decl(),
        SandboxStatus::decl(),
        VaultStatus::decl(),
        SignInMethod::decl(),
        RaoSession::decl(),
        ConnectionOverview::decl(),
        SignIn::decl(),
        ConnectionReport::decl(),
        TokenSummary::decl(),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit:\n\
         // run `UPDATE_BINDINGS=1 cargo test -p oneshot-station bindings` instead.\n\n",
    );
    for declaration in declarations {
        out.push_str("export ");
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "/** Event carrying a ConnectionOverview whenever the connection state changes. */\n\
         export const CONNECTION_CHANGED_EVENT = {CONNECTION_CHANGED:?};\n\n"
    ));
    out.push_str(
        "/** Every stable error code the backend can answer. */\nexport const ERROR_CODES = [\n",
    );
    for code in ERROR_CODES {
        out.push_str(&format!("  {code:?},\n"));
    }
    out.push_str("] as const;\n\nexport type ErrorCode = (typeof ERROR_CODES)[number];\n");
    out
}

#[test]
fn bindings_are_up_to_date() {
    let fresh = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(PATH, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        committed == fresh,
        "{PATH} is out of date: run `UPDATE_BINDINGS=1 cargo test -p oneshot-station bindings`"
    );
}
