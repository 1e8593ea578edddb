//! A PDF signature's `/ByteRange`: which bytes the signature covers.
//!
//! The values come from the file, so they are hostile until proven otherwise:
//! negative, overlapping, past the end, or large enough to overflow.

use std::ops::Range;

/// Two ranges that cover a file from its first byte, leaving out exactly the
/// signature's `/Contents` hex string (`gap`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ByteRange {
    pub first: Range<usize>,
    pub gap: Range<usize>,
    pub second: Range<usize>,
}

impl ByteRange {
    /// Checks `values` (`[0 len1 offset2 len2]`) against a file of `file_len` bytes.
    pub(crate) fn parse(values: &[i64], file_len: usize) -> Result<Self, String> {
        let [start, len1, offset2, len2] = <[i64; 4]>::try_from(values).map_err(|_| {
            format!(
                "the ByteRange holds {} numbers instead of 4 (two ranges)",
                values.len()
            )
        })?;
        if values.iter().any(|v| *v < 0) {
            return Err("the ByteRange holds a negative number".into());
        }
        if start != 0 {
            return Err("the ByteRange does not start at the beginning of the file".into());
        }
        let as_usize =
            |v: i64| usize::try_from(v).map_err(|_| "the ByteRange is too large".to_owned());
        let (len1, offset2, len2) = (as_usize(len1)?, as_usize(offset2)?, as_usize(len2)?);
        if offset2 < len1 {
            return Err("the ByteRange's ranges overlap".into());
        }
        // The gap holds at least the `<` and `>` delimiters.
        if offset2 - len1 < 2 {
            return Err("the ByteRange leaves no room for the signature".into());
        }
        let end = offset2
            .checked_add(len2)
            .ok_or("the ByteRange is too large")?;
        if end > file_len {
            return Err(format!(
                "the ByteRange reaches byte {end} but the file has {file_len}: the file was truncated or the ByteRange is forged"
            ));
        }
        Ok(Self {
            first: 0..len1,
            gap: len1..offset2,
            second: offset2..end,
        })
    }

    /// One past the last covered byte.
    pub(crate) fn end(&self) -> usize {
        self.second.end
    }

    /// The covered bytes, in order.
    pub(crate) fn parts<'a>(&self, file: &'a [u8]) -> [&'a [u8]; 2] {
        [&file[self.first.clone()], &file[self.second.clone()]]
    }

    /// Decodes the gap, which must be exactly one hex string `<...>` with
    /// nothing else (whitespace included): anything else in the gap would be
    /// unsigned content.
    pub(crate) fn gap_contents(&self, file: &[u8]) -> Result<Vec<u8>, String> {
        let gap = &file[self.gap.clone()];
        let inner = gap
            .strip_prefix(b"<")
            .and_then(|rest| rest.strip_suffix(b">"))
            .ok_or("the bytes left out of the ByteRange are not a hex string <...>")?;
        if inner.len() % 2 != 0 || !inner.iter().all(u8::is_ascii_hexdigit) {
            return Err(
                "the bytes left out of the ByteRange hold more than the signature's hex digits"
                    .into(),
            );
        }
        Ok(inner
            .chunks_exact(2)
            .map(|pair| (hex_value(pair[0]) << 4) | hex_value(pair[1]))
            .collect())
    }
}

fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(values: &[i64], file_len: usize) -> String {
        ByteRange::parse(values, file_len).unwrap_err()
    }

    #[test]
    fn a_sound_byte_range() {
        let range = ByteRange::parse(&[0, 10, 20, 5], 25).unwrap();
        assert_eq!(range.first, 0..10);
        assert_eq!(range.gap, 10..20);
        assert_eq!(range.second, 20..25);
        assert_eq!(range.end(), 25);
        // An earlier signature ends before the end of the file: still sound.
        assert_eq!(ByteRange::parse(&[0, 10, 20, 5], 100).unwrap().end(), 25);
    }

    #[test]
    fn negative_values_are_refused() {
        assert!(error(&[0, -1, 20, 5], 25).contains("negative"));
        assert!(error(&[0, 10, 20, -5], 25).contains("negative"));
        assert!(error(&[-3, 10, 20, 5], 25).contains("negative"));
    }

    #[test]
    fn overlapping_or_touching_ranges_are_refused() {
        assert!(error(&[0, 20, 10, 5], 25).contains("overlap"));
        assert!(error(&[0, 10, 11, 5], 25).contains("no room"));
        assert!(error(&[0, 10, 10, 5], 25).contains("no room"));
    }

    #[test]
    fn ranges_beyond_the_end_of_the_file_are_refused() {
        assert!(error(&[0, 10, 20, 6], 25).contains("truncated"));
        assert!(error(&[0, 30, 40, 0], 25).contains("truncated"));
    }

    #[test]
    fn huge_values_are_refused_without_overflow() {
        for values in [
            [0, 10, i64::MAX, i64::MAX],
            [0, 10, 20, i64::MAX],
            [0, i64::MAX - 2, i64::MAX, 1],
        ] {
            assert!(error(&values, 25).contains("truncated"), "{values:?}");
        }
        assert!(error(&[0, i64::MAX, i64::MAX, 1], 25).contains("no room"));
    }

    #[test]
    fn wrong_shapes_are_refused() {
        assert!(error(&[], 25).contains("instead of 4"));
        assert!(error(&[0, 10, 20], 25).contains("instead of 4"));
        assert!(error(&[0, 10, 20, 5, 30, 2], 40).contains("instead of 4"));
        assert!(error(&[1, 10, 20, 5], 25).contains("beginning"));
    }

    #[test]
    fn the_gap_must_be_exactly_one_hex_string() {
        let file = b"0123456789<0a1B>tail";
        let range = ByteRange::parse(&[0, 10, 16, 4], file.len()).unwrap();
        assert_eq!(range.gap_contents(file).unwrap(), vec![0x0a, 0x1b]);

        for bad in [
            &b"0123456789<0a 1>tail"[..],
            b"0123456789(0a1B)tail",
            b"0123456789<0a1B0tail",
            b"0123456789<0a1>>tail",
        ] {
            let range = ByteRange::parse(&[0, 10, 16, 4], bad.len()).unwrap();
            assert!(
                range.gap_contents(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
