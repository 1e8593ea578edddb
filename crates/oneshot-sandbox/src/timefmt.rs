//! The date formats the API shows (they differ per resource, as in the spec).

use time::OffsetDateTime;
use time::macros::format_description;

/// Images: "2021-06-02 02:12:16.369317".
pub fn image_date(at: OffsetDateTime) -> String {
    at.format(format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:6]"
    ))
    .unwrap_or_default()
}

/// Documents: "11/11/2019 18:03:07".
pub fn document_date(at: OffsetDateTime) -> String {
    at.format(format_description!(
        "[day]/[month]/[year] [hour]:[minute]:[second]"
    ))
    .unwrap_or_default()
}
