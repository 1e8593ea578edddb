//! The external validators every signed output must pass: pdfsig and pyHanko
//! for PDFs, `openssl cms -verify` for detached CMS. A missing tool fails the
//! test with the command to install it; it never skips.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Trust material for one sandbox (its `ca.pem`), in a temp dir.
pub struct Validators {
    pub dir: tempfile::TempDir,
    ca_pem: String,
}

impl Validators {
    pub fn new(ca_pem: &str) -> Self {
        assert!(
            ca_pem.matches("BEGIN CERTIFICATE").count() >= 3,
            "ca.pem must hold the root and every intermediate:\n{ca_pem}"
        );
        let dir = super::scratch_dir();
        std::fs::write(dir.path().join("ca.pem"), ca_pem).unwrap();
        let first_end =
            ca_pem.find("-----END CERTIFICATE-----").unwrap() + "-----END CERTIFICATE-----".len();
        std::fs::write(
            dir.path().join("root.pem"),
            format!("{}\n", &ca_pem[..first_end]),
        )
        .unwrap();
        Self {
            dir,
            ca_pem: ca_pem.to_owned(),
        }
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// An NSS database that trusts the sandbox root, for pdfsig.
    fn nss(&self) -> String {
        let nss = self.dir.path().join("nss");
        let db = format!("sql:{}", nss.display());
        if nss.exists() {
            return db;
        }
        require_tool("certutil", "apt-get install -y libnss3-tools");
        std::fs::create_dir_all(&nss).unwrap();
        run_ok(Command::new("certutil").args(["-N", "-d", &db, "--empty-password"]));
        let certs: Vec<&str> = self
            .ca_pem
            .split_inclusive("-----END CERTIFICATE-----")
            .filter(|c| c.contains("BEGIN CERTIFICATE"))
            .collect();
        for (index, cert) in certs.iter().enumerate() {
            let file = self.write(&format!("ca-{index}.pem"), cert.trim().as_bytes());
            let trust = if index == 0 { "CT,C,C" } else { ",," };
            run_ok(
                Command::new("certutil")
                    .args([
                        "-A",
                        "-d",
                        &db,
                        "-n",
                        &format!("sandbox-{index}"),
                        "-t",
                        trust,
                        "-i",
                    ])
                    .arg(&file),
            );
        }
        db
    }

    /// pdfsig and pyHanko both say: intact, valid, trusted to ca.pem's root,
    /// timestamped, covering the whole file. Returns pdfsig's report.
    pub fn assert_pdf_valid(&self, name: &str, pdf: &[u8]) -> String {
        let path = self.write(name, pdf);
        require_tool("pdfsig", "apt-get install -y poppler-utils");
        let (_, report) = run(Command::new("pdfsig")
            .args(["-nssdir", &self.nss()])
            .arg(&path));
        for expected in [
            "Signature Validation: Signature is Valid.",
            "Certificate Validation: Certificate is Trusted.",
            "Total document signed",
        ] {
            assert_eq!(
                report.matches(expected).count(),
                1,
                "pdfsig on {name}: expected {expected:?}:\n{report}"
            );
        }
        self.assert_pyhanko_valid(&path);
        report
    }

    fn pyhanko(&self, path: &Path, pretty: bool) -> (bool, String) {
        require_tool(
            "pyhanko",
            "pip install pyhanko pyhanko-certvalidator pyhanko-cli",
        );
        let mut command = Command::new("pyhanko");
        // Only the root is trusted: the chain must come from the signature itself.
        command
            .args(["sign", "validate", "--trust"])
            .arg(self.dir.path().join("root.pem"))
            .arg("--trust-replace");
        if pretty {
            command.arg("--pretty-print");
        }
        run(command.arg(path))
    }

    fn assert_pyhanko_valid(&self, path: &Path) {
        let (ok, summary) = self.pyhanko(path, false);
        assert!(ok, "pyhanko rejected {}:\n{summary}", path.display());
        assert!(
            summary.contains(":INTACT:TRUSTED,TIMESTAMP_TOKEN<INTACT:TRUSTED>")
                && summary.contains("UNTOUCHED"),
            "pyhanko summary for {}:\n{summary}",
            path.display()
        );
        let (ok, report) = self.pyhanko(path, true);
        assert!(ok, "pyhanko rejected {}:\n{report}", path.display());
        for expected in [
            "The signature is cryptographically sound.",
            "The signer's certificate is trusted.",
            "The timestamp token is cryptographically sound.",
            "The signature covers the entire file.",
            "The signature is judged VALID.",
        ] {
            assert!(
                report.contains(expected),
                "pyhanko report lacks {expected:?}:\n{report}"
            );
        }
    }

    /// Both tools refuse a copy with one byte of the signed content changed.
    pub fn assert_tampered_pdf_rejected(&self, name: &str, pdf: &[u8]) {
        let mut bytes = pdf.to_vec();
        // A digit of the first page box: inside the first signed range, and the
        // file still parses, so only the signature check can catch it.
        let media_box = bytes
            .windows(9)
            .position(|w| w == b"/MediaBox")
            .expect("a /MediaBox to tamper with");
        let digit = media_box
            + bytes[media_box..]
                .iter()
                .position(u8::is_ascii_digit)
                .expect("a digit in the page box");
        bytes[digit] = if bytes[digit] == b'9' {
            b'8'
        } else {
            bytes[digit] + 1
        };
        let path = self.write(name, &bytes);
        let (_, report) = run(Command::new("pdfsig")
            .args(["-nssdir", &self.nss()])
            .arg(&path));
        assert!(
            !report.contains("Signature Validation: Signature is Valid."),
            "pdfsig accepted a tampered file:\n{report}"
        );
        let (ok, summary) = self.pyhanko(&path, false);
        assert!(
            !ok && summary.contains("INVALID"),
            "pyhanko accepted a tampered file:\n{summary}"
        );
    }

    /// `openssl cms -verify -binary -content` accepts the detached CMS for `content`.
    pub fn assert_p7m_valid(&self, name: &str, p7m: &[u8], content: &[u8]) {
        let (ok, text) = self.openssl_verify(name, p7m, content);
        assert!(ok, "openssl cms -verify rejected {name}:\n{text}");
        assert!(text.contains("Verification successful"), "{text}");
    }

    /// ... and refuses it for content with one byte changed.
    pub fn assert_p7m_rejects_tampered_content(&self, name: &str, p7m: &[u8], content: &[u8]) {
        let mut tampered = content.to_vec();
        tampered[0] ^= 0x01;
        let (ok, text) = self.openssl_verify(name, p7m, &tampered);
        assert!(!ok, "openssl accepted tampered content:\n{text}");
    }

    fn openssl_verify(&self, name: &str, p7m: &[u8], content: &[u8]) -> (bool, String) {
        require_tool("openssl", "apt-get install -y openssl");
        let signature = self.write(&format!("{name}.p7m"), p7m);
        let data = self.write(&format!("{name}.content"), content);
        run(Command::new("openssl")
            .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
            .arg(&signature)
            .arg("-content")
            .arg(&data)
            .arg("-CAfile")
            .arg(self.dir.path().join("ca.pem"))
            .args(["-purpose", "any", "-out", "/dev/null"]))
    }
}

/// The text of a PDF as `pdftotext` extracts it.
pub fn pdf_text(pdf: &[u8]) -> String {
    require_tool("pdftotext", "apt-get install -y poppler-utils");
    let dir = super::scratch_dir();
    let path = dir.path().join("in.pdf");
    std::fs::write(&path, pdf).unwrap();
    let (ok, _) = run(Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg(dir.path().join("out.txt")));
    assert!(ok, "pdftotext failed");
    std::fs::read_to_string(dir.path().join("out.txt")).unwrap()
}

/// Fails (never skips) when a validator is missing.
pub fn require_tool(tool: &str, install: &str) {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "validator `{tool}` is not installed; install it with: {install}"
    );
}

fn run(command: &mut Command) -> (bool, String) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("running {command:?}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

fn run_ok(command: &mut Command) -> String {
    let (ok, text) = run(command);
    assert!(ok, "{command:?} failed:\n{text}");
    text
}
