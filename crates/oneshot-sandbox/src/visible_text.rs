//! The text of a visible signature: the `signature_format` template with the
//! certificate's values and the signing date in the requested time zone.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use time::OffsetDateTime;

use crate::error::Error;

const DEFAULT_LINES: [&str; 2] = ["Digitally signed by %(CN)s", "Date: %(DATE)s"];
const DEFAULT_DATE_FORMAT: &str = "%d/%m/%Y %H:%M:%S %Z";

/// A checked template, ready to render once the certificate exists.
#[derive(Debug, Clone)]
pub struct TextTemplate {
    lines: Vec<String>,
    date_format: String,
    timezone: TimeZone,
}

impl TextTemplate {
    /// From the sign call's `signature_format` fields; every part is optional.
    pub fn new(
        lines: Option<Vec<String>>,
        date_format: Option<String>,
        timezone: Option<&str>,
    ) -> Result<Self, Error> {
        let timezone = match timezone.map(str::trim).filter(|t| !t.is_empty()) {
            None => TimeZone::UTC,
            Some(name) => TimeZone::get(alias(name)).map_err(|_| {
                Error::BadRequest(format!(
                    "Unknown timezone '{name}' in signature_format (use an IANA name such as Europe/Madrid)"
                ))
            })?,
        };
        let template = Self {
            lines: lines
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| DEFAULT_LINES.iter().map(|s| (*s).to_owned()).collect()),
            date_format: date_format
                .filter(|f| !f.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_DATE_FORMAT.to_owned()),
            timezone,
        };
        // Reject a broken date format now, before the OTP is spent.
        template.format_date(OffsetDateTime::UNIX_EPOCH)?;
        Ok(template)
    }

    /// The text lines with `%(CN)s`, `%(SUBJECT)s`, `%(DATE)s` and `%(E)s` filled in.
    pub fn render(
        &self,
        cn: &str,
        subject: &str,
        email: &str,
        at: OffsetDateTime,
    ) -> Result<String, Error> {
        let date = self.format_date(at)?;
        let lines: Vec<String> = self
            .lines
            .iter()
            .map(|line| {
                let mut out = line.clone();
                for (name, value) in [
                    ("CN", cn),
                    ("SUBJECT", subject),
                    ("DATE", &date),
                    ("E", email),
                ] {
                    out = out
                        .replace(&format!("%({name})s"), value)
                        .replace(&format!("%({name})"), value);
                }
                out
            })
            .collect();
        Ok(lines.join("\n"))
    }

    fn format_date(&self, at: OffsetDateTime) -> Result<String, Error> {
        let timestamp = Timestamp::from_second(at.unix_timestamp())
            .map_err(|e| Error::BadRequest(format!("signing date out of range: {e}")))?;
        let zoned = timestamp.to_zoned_datetime(self.timezone.clone());
        jiff::fmt::strtime::format(self.date_format.as_str(), &zoned).map_err(|e| {
            Error::BadRequest(format!(
                "Invalid date_format '{}' in signature_format: {e}",
                self.date_format
            ))
        })
    }
}

/// The spec's own example names "Europe/Barcelona", which is not an IANA zone.
fn alias(name: &str) -> &str {
    match name {
        "Europe/Barcelona" => "Europe/Madrid",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_variable_in_the_requested_zone() {
        let template = TextTemplate::new(
            Some(vec![
                "Signed by %(CN)s <%(E)s>".into(),
                "%(SUBJECT)s".into(),
                "on %(DATE)s".into(),
            ]),
            Some("%d/%m/%Y %H:%M".into()),
            Some("Europe/Barcelona"),
        )
        .unwrap();
        // 2024-07-01 10:00 UTC is 12:00 in Madrid (summer time).
        let at = OffsetDateTime::from_unix_timestamp(1_719_828_000).unwrap();
        let text = template
            .render("Ana García", "CN=Ana García,C=ES", "ana@example.com", at)
            .unwrap();
        assert_eq!(
            text,
            "Signed by Ana García <ana@example.com>\nCN=Ana García,C=ES\non 01/07/2024 12:00"
        );
    }

    #[test]
    fn defaults_and_errors() {
        let template = TextTemplate::new(None, None, None).unwrap();
        let text = template
            .render("A B", "", "", OffsetDateTime::UNIX_EPOCH)
            .unwrap();
        assert!(text.starts_with("Digitally signed by A B\nDate: 01/01/1970 00:00:00"));
        assert!(TextTemplate::new(None, None, Some("Mars/Olympus")).is_err());
    }
}
