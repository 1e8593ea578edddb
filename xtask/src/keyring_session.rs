//! A private Secret Service for the keyring tests: a throwaway D-Bus session bus with an
//! unlocked gnome-keyring whose files live in a temporary home, so the tests never touch the
//! developer's own keyring.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// Unlocks a fresh login keyring with the password from the environment, then runs the
/// command given as arguments inside the same session.
const SESSION_SCRIPT: &str = r#"pw="$ONESHOT_KEYRING_PASSWORD"
unset ONESHOT_KEYRING_PASSWORD
printf '%s' "$pw" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
exec "$@""#;

/// cargo and rustup find their homes through `HOME` unless told; the session changes `HOME`.
fn toolchain_homes() -> Vec<(&'static str, OsString)> {
    let home = env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let keep = |var: &'static str, default: &str| {
        env::var_os(var).unwrap_or_else(|| home.join(default).into_os_string())
    };
    vec![
        ("CARGO_HOME", keep("CARGO_HOME", ".cargo")),
        ("RUSTUP_HOME", keep("RUSTUP_HOME", ".rustup")),
    ]
}

/// A password that only this run's throwaway keyring ever sees.
fn throwaway_password() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("oneshot-{}-{nanos}", std::process::id())
}

/// `program args…` wrapped in `dbus-run-session` with an unlocked keyring under `scratch`.
pub fn wrap(program: &OsString, args: &[&str], scratch: &Path) -> Command {
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", "sh", "-c", SESSION_SCRIPT, "keyring-session"])
        .arg(program)
        .args(args)
        .env("HOME", scratch.join("home"))
        .env("XDG_DATA_HOME", scratch.join("data"))
        .env("XDG_CONFIG_HOME", scratch.join("config"))
        .env("XDG_CACHE_HOME", scratch.join("cache"))
        .env("ONESHOT_KEYRING_PASSWORD", throwaway_password())
        .envs(toolchain_homes());
    cmd
}
