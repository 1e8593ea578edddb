//! Why a TLS connection was refused, told apart so a caller can say what to fix:
//! configure the private CA, renew a certificate, correct the host name, install
//! the client certificate.

use std::error::Error as StdError;

use rustls::{AlertDescription, CertificateError};

/// Alerts a server sends about a client certificate: missing, unknown, refused.
/// This client checks the server's certificate itself, so an alert about a
/// certificate that comes from the server is about ours.
const CLIENT_CERTIFICATE_ALERTS: [AlertDescription; 8] = [
    AlertDescription::CertificateRequired,
    AlertDescription::BadCertificate,
    AlertDescription::UnsupportedCertificate,
    AlertDescription::CertificateRevoked,
    AlertDescription::CertificateExpired,
    AlertDescription::CertificateUnknown,
    AlertDescription::UnknownCA,
    AlertDescription::AccessDenied,
];

/// What went wrong while securing the connection to the Optimizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsProblem {
    /// The server's certificate is issued by an authority this client does not
    /// trust: its (private) CA must be configured.
    UntrustedIssuer,
    /// The server's certificate has expired.
    Expired,
    /// The server's certificate is not valid yet (often a wrong clock here or there).
    NotYetValid,
    /// The server's certificate is not valid for the host name in the URL.
    WrongHost,
    /// The server's certificate is unusable for another reason (bad signature,
    /// revoked, not meant for servers).
    BadCertificate,
    /// The server asked for a client certificate and none was sent, or it
    /// refused the one sent.
    ClientCertificate,
    /// The TLS handshake failed otherwise (no common protocol, not a TLS server).
    Handshake,
}

impl std::fmt::Display for TlsProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::UntrustedIssuer => {
                "the server's certificate is issued by an authority that is not trusted (configure its CA)"
            }
            Self::Expired => "the server's certificate has expired",
            Self::NotYetValid => {
                "the server's certificate is not valid yet (check the clocks)"
            }
            Self::WrongHost => "the server's certificate is not valid for this host name",
            Self::BadCertificate => "the server's certificate is invalid",
            Self::ClientCertificate => {
                "the server requires a client certificate, or refused the one sent"
            }
            Self::Handshake => "the TLS handshake failed",
        })
    }
}

impl TlsProblem {
    /// The TLS problem behind `error`, when its cause chain holds a rustls error.
    ///
    /// `io::Error::source()` skips the error it wraps (it returns the wrapped
    /// error's own source), and the TLS stack hands rustls errors up inside
    /// `io::Error`s, so each I/O error is opened as well as followed.
    pub(crate) fn find(error: &(dyn StdError + 'static)) -> Option<Self> {
        let mut next = Some(error);
        while let Some(current) = next {
            if let Some(tls) = current.downcast_ref::<rustls::Error>() {
                return Some(Self::from_rustls(tls));
            }
            let wrapped = current
                .downcast_ref::<std::io::Error>()
                .and_then(std::io::Error::get_ref);
            if let Some(problem) = wrapped.and_then(|inner| Self::find(inner)) {
                return Some(problem);
            }
            next = current.source();
        }
        None
    }

    fn from_rustls(error: &rustls::Error) -> Self {
        match error {
            rustls::Error::InvalidCertificate(certificate) => match certificate {
                CertificateError::UnknownIssuer => Self::UntrustedIssuer,
                CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                    Self::Expired
                }
                CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                    Self::NotYetValid
                }
                CertificateError::NotValidForName
                | CertificateError::NotValidForNameContext { .. } => Self::WrongHost,
                _ => Self::BadCertificate,
            },
            rustls::Error::AlertReceived(alert) if CLIENT_CERTIFICATE_ALERTS.contains(alert) => {
                Self::ClientCertificate
            }
            _ => Self::Handshake,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(error: rustls::Error) -> Box<dyn StdError + Send + Sync> {
        // As the TLS stack reports it: an io::Error around the rustls error,
        // itself the source of an outer error.
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, error);
        Box::new(std::io::Error::other(Outer(io)))
    }

    #[derive(Debug)]
    struct Outer(std::io::Error);

    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("outer")
        }
    }

    impl StdError for Outer {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            Some(&self.0)
        }
    }

    #[test]
    fn finds_the_rustls_error_inside_io_errors() {
        let cases = [
            (
                rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer),
                TlsProblem::UntrustedIssuer,
            ),
            (
                rustls::Error::InvalidCertificate(CertificateError::Expired),
                TlsProblem::Expired,
            ),
            (
                rustls::Error::InvalidCertificate(CertificateError::NotValidYet),
                TlsProblem::NotYetValid,
            ),
            (
                rustls::Error::InvalidCertificate(CertificateError::NotValidForName),
                TlsProblem::WrongHost,
            ),
            (
                rustls::Error::InvalidCertificate(CertificateError::BadSignature),
                TlsProblem::BadCertificate,
            ),
            (
                rustls::Error::AlertReceived(AlertDescription::CertificateRequired),
                TlsProblem::ClientCertificate,
            ),
            (
                rustls::Error::AlertReceived(AlertDescription::UnknownCA),
                TlsProblem::ClientCertificate,
            ),
            (
                rustls::Error::AlertReceived(AlertDescription::HandshakeFailure),
                TlsProblem::Handshake,
            ),
            (
                rustls::Error::NoCertificatesPresented,
                TlsProblem::Handshake,
            ),
        ];
        for (error, expected) in cases {
            let chain = wrapped(error);
            assert_eq!(TlsProblem::find(chain.as_ref()), Some(expected));
        }
        let plain = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        assert_eq!(TlsProblem::find(&plain), None);
    }
}
