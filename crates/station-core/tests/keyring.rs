//! The vault against the real OS keyring (Secret Service on Linux).
//!
//! Needs an unlocked keyring on the session bus, e.g.
//! `dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets;
//! cargo test -p station-core --test keyring -- --ignored'`; `cargo xtask test` does this.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use oneshot_api::Secret;
use station_core::{SecretKind, Store, Vault};

#[test]
#[ignore = "needs a Secret Service session; run by cargo xtask test"]
fn keyring_stores_reads_back_and_deletes_a_password() {
    let store = Store::open_in_memory().unwrap();
    let installation = store.installation_id().unwrap();
    let (profile, _) = store.profiles().active().unwrap();

    let vault = Vault::open(installation.clone());
    let status = vault.status();
    assert!(
        status.persistent,
        "no Secret Service answered: {:?}",
        status.unavailable_reason
    );

    let password = Secret::new("correct horse battery staple ÷ 1125824");
    vault
        .put(profile, SecretKind::RaoPassword, &password)
        .unwrap();

    // A second vault reads from the keyring itself, not from the first one's memory.
    let reader = Vault::open(installation.clone());
    assert_eq!(
        reader.get(profile, SecretKind::RaoPassword).unwrap(),
        Some(password)
    );
    assert_eq!(reader.get(profile, SecretKind::RaoPin).unwrap(), None);

    vault.delete(profile, SecretKind::RaoPassword).unwrap();
    assert_eq!(reader.get(profile, SecretKind::RaoPassword).unwrap(), None);
    // Deleting what is gone is fine.
    vault.forget(profile).unwrap();
}
