//! The station's timestamps: UTC with an explicit offset, to the microsecond.

use time::OffsetDateTime;
use time::format_description::FormatItem;
use time::macros::format_description;

/// RFC 3339 with microseconds and a numeric offset, e.g. `2026-02-03T08:08:21.132394+00:00`.
/// Fixed width, so text order is time order in SQLite.
const FORMAT: &[FormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6][offset_hour sign:mandatory]:[offset_minute]"
);

/// Now, as the station writes it in its database and audit trail.
pub(crate) fn now() -> String {
    format(OffsetDateTime::now_utc())
}

pub(crate) fn format(at: OffsetDateTime) -> String {
    // Formatting a valid date with this description cannot fail; an empty string
    // would still be caught by the audit trail's hash.
    at.format(FORMAT).unwrap_or_default()
}

/// Reads a timestamp written by [`now`].
pub(crate) fn parse(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, FORMAT).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_with_offset_round_trips() {
        let text = now();
        assert!(text.ends_with("+00:00"), "{text}");
        assert_eq!(text.len(), "2026-02-03T08:08:21.132394+00:00".len());
        assert_eq!(format(parse(&text).unwrap()), text);
    }
}
