//! E-mail addresses: the part of RFC 5322 that mail actually gets delivered to.

use email_address::{EmailAddress, Options};

use super::models::{FieldIssue, IdentityField, IdentityIssueCode};
use super::names::tidy;

/// RFC 5321's limit for a whole address on the wire.
pub const EMAIL_MAX_CHARS: usize = 254;

/// Answers the address with its domain in lower case, or the trimmed input and the problem.
pub(super) fn check_email(raw: &str) -> Result<String, (String, FieldIssue)> {
    let address = tidy(raw);
    let issue = |code| FieldIssue::new(IdentityField::Email, code);
    if address.is_empty() {
        return Err((address, issue(IdentityIssueCode::Required)));
    }
    if address.chars().count() > EMAIL_MAX_CHARS {
        let issue = issue(IdentityIssueCode::TooLong).with("max", EMAIL_MAX_CHARS);
        return Err((address, issue));
    }
    // Display names, IP literals, quoted local parts and single-label domains are
    // valid RFC 5322 but no signer's mailbox looks like that: they are typos here.
    let options = Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        allow_long_local_parts: false,
    };
    let deliverable = !address.starts_with('"')
        && !address.contains(' ')
        && EmailAddress::parse_with_options(&address, options).is_ok()
        && address.rsplit('.').next().is_some_and(|tld| {
            tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit())
        });
    if !deliverable {
        return Err((address, issue(IdentityIssueCode::EmailInvalid)));
    }
    // Domains are case-insensitive; local parts may not be, so they stay as typed.
    let (local, domain) = address.rsplit_once('@').unwrap_or((&address, ""));
    Ok(format!("{local}@{}", domain.to_lowercase()))
}
