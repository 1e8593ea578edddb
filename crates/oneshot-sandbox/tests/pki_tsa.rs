//! The sandbox's RFC 3161 time-stamping authority, checked with `openssl ts`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pki_support;

use std::process::Command;

use pki_support::*;

fn query(sandbox: &Sandbox, name: &str, extra: &[&str]) -> std::path::PathBuf {
    require_tool("openssl", "apt-get install -y openssl");
    let data = sandbox.path(&format!("{name}.txt"));
    std::fs::write(&data, format!("document {name}")).unwrap();
    let tsq = sandbox.path(&format!("{name}.tsq"));
    run_ok(
        Command::new("openssl")
            .args(["ts", "-query", "-data"])
            .arg(&data)
            .args(extra)
            .arg("-out")
            .arg(&tsq),
    );
    tsq
}

fn reply_text(path: &std::path::Path) -> String {
    run_ok(
        Command::new("openssl")
            .args(["ts", "-reply", "-text", "-in"])
            .arg(path),
    )
}

#[test]
fn openssl_verifies_a_time_stamp_response_against_the_root() {
    let sandbox = Sandbox::new();
    for digest in ["-sha256", "-sha512", "-sha1"] {
        let tsq = query(&sandbox, &format!("q{digest}"), &[digest, "-cert"]);
        let response = sandbox
            .authority
            .time_stamp_response(&std::fs::read(&tsq).unwrap())
            .unwrap();
        let tsr = sandbox.path(&format!("q{digest}.tsr"));
        std::fs::write(&tsr, response).unwrap();
        let text = reply_text(&tsr);
        assert!(text.contains("Status: Granted."), "{text}");
        assert!(text.contains("Policy OID: 1.3.6.1.4.1.32473.1.3"), "{text}");
        assert!(
            text.contains("Nonce: 0x"),
            "the request's nonce is echoed:\n{text}"
        );
        let verified = run_ok(
            Command::new("openssl")
                .args(["ts", "-verify", "-queryfile"])
                .arg(&tsq)
                .arg("-in")
                .arg(&tsr)
                .arg("-CAfile")
                .arg(sandbox.root_pem_path()),
        );
        assert!(verified.contains("Verification: OK"), "{verified}");
    }
}

#[test]
fn requests_the_tsa_cannot_honour_are_rejected_in_protocol() {
    let sandbox = Sandbox::new();
    let tsq = query(&sandbox, "policy", &["-sha256", "-tspolicy", "1.2.3.4"]);
    let response = sandbox
        .authority
        .time_stamp_response(&std::fs::read(&tsq).unwrap())
        .unwrap();
    let tsr = sandbox.path("policy.tsr");
    std::fs::write(&tsr, response).unwrap();
    let text = reply_text(&tsr);
    assert!(
        text.contains("Status: Rejected") && text.contains("unaccepted policy"),
        "{text}"
    );

    let garbage = sandbox
        .authority
        .time_stamp_response(b"not a request")
        .unwrap();
    let tsr = sandbox.path("garbage.tsr");
    std::fs::write(&tsr, garbage).unwrap();
    assert!(reply_text(&tsr).contains("Status: Rejected"));
}
