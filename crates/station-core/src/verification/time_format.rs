//! Instants as the report shows them (RFC 3339, UTC) and the PDF date format.

use std::time::{Duration, SystemTime};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// RFC 3339 in UTC, e.g. `2026-11-27T10:00:00Z`.
pub(crate) fn rfc3339(since_epoch: Duration) -> String {
    i64::try_from(since_epoch.as_secs())
        .ok()
        .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok())
        .and_then(|instant| instant.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("{} seconds after 1970-01-01", since_epoch.as_secs()))
}

/// `at` as a duration since the Unix epoch; instants before it count as the epoch.
pub(crate) fn since_epoch(at: SystemTime) -> Duration {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
}

/// Parses a PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, ISO 32000-1 §7.9.4), where
/// every part after the year is optional, into seconds since the epoch.
pub(crate) fn parse_pdf_date(text: &str) -> Option<Duration> {
    let text = text.strip_prefix("D:").unwrap_or(text);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 || digits % 2 != 0 || digits > 14 {
        return None;
    }
    let field = |start: usize, default: u8| -> Option<u8> {
        if start + 2 <= digits {
            text.get(start..start + 2)?.parse().ok()
        } else {
            Some(default)
        }
    };
    let year: i32 = text.get(0..4)?.parse().ok()?;
    let month = time::Month::try_from(field(4, 1)?).ok()?;
    let date = time::Date::from_calendar_date(year, month, field(6, 1)?).ok()?;
    let clock = time::Time::from_hms(field(8, 0)?, field(10, 0)?, field(12, 0)?).ok()?;
    let offset = parse_offset(&text[digits..])?;
    let instant = date.with_time(clock).assume_offset(offset);
    u64::try_from(instant.unix_timestamp())
        .ok()
        .map(Duration::from_secs)
}

/// `Z`, `+HH'mm'`, `-HH'mm`, `+HH` or nothing (treated as UTC).
fn parse_offset(text: &str) -> Option<time::UtcOffset> {
    let mut chars = text.chars();
    let sign: i8 = match chars.next() {
        None | Some('Z') => return Some(time::UtcOffset::UTC),
        Some('+') => 1,
        Some('-') => -1,
        Some(_) => return None,
    };
    let rest: String = chars.filter(|c| *c != '\'').collect();
    let hours: i8 = rest.get(0..2)?.parse().ok()?;
    let minutes: i8 = match rest.get(2..4) {
        Some(m) if !m.is_empty() => m.parse().ok()?,
        _ => 0,
    };
    time::UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<String> {
        parse_pdf_date(text).map(rfc3339)
    }

    #[test]
    fn pdf_dates_with_and_without_offsets() {
        assert_eq!(
            parsed("D:20261127100000Z").as_deref(),
            Some("2026-11-27T10:00:00Z")
        );
        assert_eq!(
            parsed("D:20261127110000+01'00'").as_deref(),
            Some("2026-11-27T10:00:00Z")
        );
        assert_eq!(
            parsed("D:20261127053000-04'30").as_deref(),
            Some("2026-11-27T10:00:00Z")
        );
        assert_eq!(parsed("D:2026").as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(parsed("20261127").as_deref(), Some("2026-11-27T00:00:00Z"));
    }

    #[test]
    fn nonsense_dates_are_refused() {
        for text in [
            "",
            "D:",
            "D:20",
            "D:20261327",
            "D:2026112",
            "D:20261127250000",
            "D:20261127100000X",
        ] {
            assert_eq!(parsed(text), None, "{text}");
        }
    }
}
