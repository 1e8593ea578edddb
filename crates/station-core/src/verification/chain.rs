//! Building and checking a certificate chain from a signer to a trust anchor
//! (RFC 5280 §6, without revocation or policy processing).

use std::time::Duration;

use super::certificate::ParsedCertificate;
use super::oids;
use super::public_key::verify_signed_bytes;
use super::report::SignatureTrust;
use super::time_format::rfc3339;
use super::trust::{TrustStore, is_self_signed};

/// What the end-entity certificate must be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// Sign documents: keyUsage digitalSignature or nonRepudiation, if present.
    DocumentSigning,
    /// Issue RFC 3161 timestamps: extendedKeyUsage timeStamping.
    TimeStamping,
}

/// Longest chain searched, anchor included; real chains have 3 or 4 links.
const MAX_DEPTH: usize = 8;

/// Checks that `leaf` chains to an anchor of `store` at instant `at` (since
/// the epoch). Issuers are searched among `pool` (certificates the signature
/// carries) and the store. Every certificate of the chain must be valid at
/// `at`, every issuer a CA allowed to sign certificates.
pub(crate) fn validate(
    leaf: &ParsedCertificate,
    pool: &[&ParsedCertificate],
    store: &TrustStore,
    at: Duration,
    purpose: Purpose,
) -> SignatureTrust {
    if let Err(reason) = check_purpose(leaf, purpose) {
        return SignatureTrust::WrongUsage { reason };
    }
    let search = Search { pool, store, at };
    let mut path = vec![leaf];
    match search.extend(&mut path) {
        Ok(anchor) => SignatureTrust::Trusted {
            anchor: anchor.display_name(),
        },
        Err(failure) => failure.trust,
    }
}

fn check_purpose(leaf: &ParsedCertificate, purpose: Purpose) -> Result<(), String> {
    match purpose {
        Purpose::DocumentSigning => match leaf.key_usage()? {
            Some(usage) if !usage.digital_signature() && !usage.non_repudiation() => Err(format!(
                "the certificate of {} may not sign (keyUsage)",
                leaf.display_name()
            )),
            _ => Ok(()),
        },
        Purpose::TimeStamping => match leaf.extended_key_usage()? {
            Some(usages) if usages.contains(&oids::KP_TIME_STAMPING) => Ok(()),
            _ => Err(format!(
                "the certificate of {} is not a time-stamping certificate (extendedKeyUsage)",
                leaf.display_name()
            )),
        },
    }
}

struct Search<'a> {
    pool: &'a [&'a ParsedCertificate],
    store: &'a TrustStore,
    at: Duration,
}

/// Why a path failed, and how far it got: the deepest failure explains best.
struct Failure {
    depth: usize,
    trust: SignatureTrust,
}

fn keep_deepest(best: Option<Failure>, new: Failure) -> Option<Failure> {
    match best {
        Some(best) if best.depth >= new.depth => Some(best),
        _ => Some(new),
    }
}

impl<'a> Search<'a> {
    /// Extends `path` (whose last certificate is already checked for itself)
    /// up to an anchor; answers the anchor.
    fn extend(
        &self,
        path: &mut Vec<&'a ParsedCertificate>,
    ) -> Result<&'a ParsedCertificate, Failure> {
        let depth = path.len();
        let current = path[depth - 1];
        let fail = |trust: SignatureTrust| Failure { depth, trust };
        if !current.is_valid_at(self.at) {
            return Err(fail(SignatureTrust::Expired {
                reason: not_valid_reason(current, self.at),
            }));
        }
        let unknown = current.unknown_critical_extensions();
        if !unknown.is_empty() {
            return Err(fail(SignatureTrust::ChainBroken {
                reason: format!(
                    "the certificate of {} has critical extensions this station does not process: {}",
                    current.display_name(),
                    unknown
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }));
        }
        if let Some(anchor) = self
            .store
            .anchors()
            .iter()
            .find(|a| same_certificate(a, current))
        {
            return Ok(anchor);
        }
        // A root that is not an anchor ends the chain: looking for its "issuer"
        // would only find namesakes with other keys.
        if is_self_signed(current) {
            return Err(fail(dead_end(current)));
        }
        if depth >= MAX_DEPTH {
            return Err(fail(SignatureTrust::ChainBroken {
                reason: format!("no trusted root within {MAX_DEPTH} certificates"),
            }));
        }

        let mut best: Option<Failure> = None;
        for issuer in self.issuer_candidates(current) {
            if path.iter().any(|seen| same_certificate(seen, issuer)) {
                continue;
            }
            if let Err(reason) = check_link(current, issuer, depth - 1) {
                // A failed link got no further than `current`: a path that
                // reaches further (e.g. to an untrusted root) explains better.
                let broken = Failure {
                    depth,
                    trust: SignatureTrust::ChainBroken { reason },
                };
                best = keep_deepest(best, broken);
                continue;
            }
            path.push(issuer);
            match self.extend(path) {
                Ok(anchor) => return Ok(anchor),
                Err(failure) => best = keep_deepest(best, failure),
            }
            path.pop();
        }
        Err(best.unwrap_or_else(|| fail(dead_end(current))))
    }

    /// Certificates whose subject is `child`'s issuer (and whose key id fits),
    /// anchors first.
    fn issuer_candidates(&self, child: &ParsedCertificate) -> Vec<&'a ParsedCertificate> {
        let wanted_key = child.authority_key_id();
        self.store
            .anchors()
            .iter()
            .chain(self.store.intermediates())
            .chain(self.pool.iter().copied())
            .filter(|candidate| candidate.subject() == child.issuer())
            .filter(
                |candidate| match (&wanted_key, candidate.subject_key_id()) {
                    (Some(wanted), Some(has)) => *wanted == has,
                    _ => true,
                },
            )
            .collect()
    }
}

/// Whether `issuer` signed `child` and may issue certificates; `below` counts
/// the non-self-issued CA certificates between `child` and the leaf.
fn check_link(
    child: &ParsedCertificate,
    issuer: &ParsedCertificate,
    below: usize,
) -> Result<(), String> {
    verify_signed_bytes(
        &issuer.cert.tbs_certificate.subject_public_key_info,
        &child.cert.signature_algorithm,
        &child.tbs_der,
        child.cert.signature.raw_bytes(),
    )
    .map_err(|reason| {
        format!(
            "the certificate of {} is not signed by {}: {reason}",
            child.display_name(),
            issuer.display_name()
        )
    })?;
    let constraints = issuer.basic_constraints()?;
    let Some(constraints) = constraints.filter(|c| c.ca) else {
        return Err(format!(
            "{} is not a certification authority",
            issuer.display_name()
        ));
    };
    if let Some(limit) = constraints.path_len_constraint
        && below > usize::from(limit)
    {
        return Err(format!(
            "{} may not issue chains this long (pathLenConstraint {limit})",
            issuer.display_name()
        ));
    }
    if let Some(usage) = issuer.key_usage()?
        && !usage.key_cert_sign()
    {
        return Err(format!(
            "{} may not sign certificates (keyUsage)",
            issuer.display_name()
        ));
    }
    Ok(())
}

/// Why the chain stops at `top`, which has no usable issuer.
fn dead_end(top: &ParsedCertificate) -> SignatureTrust {
    if top.subject() == top.issuer() {
        SignatureTrust::UntrustedRoot {
            reason: format!(
                "the chain ends at {}, which is not a trusted root",
                top.display_name()
            ),
        }
    } else {
        SignatureTrust::UntrustedRoot {
            reason: format!(
                "the issuer of {} ({}) is neither in the signature nor among the trusted certificates",
                top.display_name(),
                top.issuer()
            ),
        }
    }
}

fn not_valid_reason(cert: &ParsedCertificate, at: Duration) -> String {
    let (from, until) = cert.validity();
    let when = rfc3339(at);
    if at < from {
        format!(
            "the certificate of {} was not yet valid at {when} (valid from {})",
            cert.display_name(),
            rfc3339(from)
        )
    } else {
        format!(
            "the certificate of {} had expired at {when} (valid until {})",
            cert.display_name(),
            rfc3339(until)
        )
    }
}

/// The same certificate, or the same subject with the same key (a re-issued
/// root is still the root the user trusted).
fn same_certificate(a: &ParsedCertificate, b: &ParsedCertificate) -> bool {
    a.der == b.der
        || (a.subject() == b.subject()
            && a.cert.tbs_certificate.subject_public_key_info
                == b.cert.tbs_certificate.subject_public_key_info)
}
