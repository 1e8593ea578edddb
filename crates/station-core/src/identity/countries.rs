//! ISO 3166-1 alpha-2 country codes, kept as data in `countries.txt`.

use std::sync::LazyLock;

static CODES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut codes: Vec<&'static str> = include_str!("countries.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect();
    // Sorted once so lookups can binary-search whatever order the file keeps.
    codes.sort_unstable();
    codes
});

/// Every ISO 3166-1 alpha-2 code, sorted (for the UI's country picker).
pub fn country_codes() -> &'static [&'static str] {
    &CODES
}

/// Whether `code` (already upper case) is an assigned ISO 3166-1 alpha-2 code.
pub fn is_country_code(code: &str) -> bool {
    CODES.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_and_well_formed() {
        let codes = country_codes();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|pair| pair[0] < pair[1]), "duplicates");
        assert!(
            codes
                .iter()
                .all(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()))
        );
    }

    #[test]
    fn knows_assigned_codes_only() {
        for code in ["ES", "PL", "GB", "SS", "BQ", "XK"] {
            // XK (Kosovo) is user-assigned, not ISO: passports carry it, ISO does not.
            assert_eq!(is_country_code(code), code != "XK", "{code}");
        }
        for code in ["UK", "EU", "es", "E", "ESP", ""] {
            assert!(!is_country_code(code), "{code}");
        }
    }
}
