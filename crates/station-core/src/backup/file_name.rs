//! File names that are safe to create in the backup folder on every platform,
//! keeping the original name visible where it is safe.

/// Longest name kept, in bytes; well under every file system's 255.
const MAX_BYTES: usize = 120;

/// Names Windows reserves for devices whatever their extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A name with no directory part, no `..`, no control or reserved characters, no
/// leading dot and at most 120 bytes (the extension kept when shortened).
pub fn sanitized_file_name(name: &str) -> String {
    // Only the last component counts: "../../etc/passwd" is a file called passwd.
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = cleaned
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let mut safe = if trimmed.is_empty() {
        "document".to_owned()
    } else {
        trimmed.to_owned()
    };
    let stem = safe.split('.').next().unwrap_or_default();
    if RESERVED
        .iter()
        .any(|reserved| stem.eq_ignore_ascii_case(reserved))
    {
        safe.insert(0, '_');
    }
    shortened(&safe)
}

fn shortened(name: &str) -> String {
    if name.len() <= MAX_BYTES {
        return name.to_owned();
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && extension.len() <= 16 => {
            (stem, format!(".{extension}"))
        }
        _ => (name, String::new()),
    };
    let mut budget = MAX_BYTES - extension.len();
    while !stem.is_char_boundary(budget.min(stem.len())) {
        budget -= 1;
    }
    format!("{}{extension}", &stem[..budget.min(stem.len())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ordinary_names() {
        assert_eq!(
            sanitized_file_name("Contrato de préstamo.pdf"),
            "Contrato de préstamo.pdf"
        );
        assert_eq!(sanitized_file_name("invoice.xml.p7m"), "invoice.xml.p7m");
    }

    #[test]
    fn strips_directories_and_dots() {
        assert_eq!(sanitized_file_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitized_file_name("..\\..\\boot.ini"), "boot.ini");
        assert_eq!(sanitized_file_name(".."), "document");
        assert_eq!(sanitized_file_name(".hidden.pdf"), "hidden.pdf");
        assert_eq!(sanitized_file_name("dir/"), "document");
        assert_eq!(sanitized_file_name(""), "document");
        assert_eq!(sanitized_file_name("name. . "), "name");
    }

    #[test]
    fn replaces_control_and_reserved_characters() {
        assert_eq!(sanitized_file_name("a\u{0}b\nc\u{1b}.pdf"), "a_b_c_.pdf");
        assert_eq!(
            sanitized_file_name("what?<x>:\"y\"|*.pdf"),
            "what__x___y___.pdf"
        );
        assert_eq!(sanitized_file_name("CON.pdf"), "_CON.pdf");
        assert_eq!(sanitized_file_name("lpt1"), "_lpt1");
    }

    #[test]
    fn long_names_keep_their_extension_and_char_boundaries() {
        let long = format!("{}.pdf", "é".repeat(200));
        let safe = sanitized_file_name(&long);
        assert!(safe.len() <= MAX_BYTES, "{}", safe.len());
        assert!(safe.ends_with("é.pdf") || safe.ends_with(".pdf"));
        assert!(safe.starts_with('é'));
        let no_extension = "x".repeat(500);
        assert_eq!(sanitized_file_name(&no_extension).len(), MAX_BYTES);
    }
}
