//! File names that are safe to create in the backup folder on every platform,
//! keeping the original name visible where it is safe.

/// Longest name kept, in bytes; well under every file system's 255.
const MAX_BYTES: usize = 120;

/// Names Windows reserves for devices whatever their extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Windows device names that are not plain words above.
const RESERVED_OTHER: [&str; 2] = ["CONIN$", "CONOUT$"];

/// A name with no directory part, no `..`, no control, direction-changing or
/// reserved characters, no leading dot and at most 120 bytes (the extension kept
/// when shortened).
pub fn sanitized_file_name(name: &str) -> String {
    // Only the last component counts: "../../etc/passwd" is a file called passwd.
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c if c.is_control() || is_invisible_format(c) => '_',
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
    let stem = safe.split('.').next().unwrap_or_default().trim_end();
    if RESERVED
        .iter()
        .chain(&RESERVED_OTHER)
        .any(|reserved| stem.eq_ignore_ascii_case(reserved))
    {
        safe.insert(0, '_');
    }
    shortened(&safe)
}

/// Characters that change how a name reads without being seen: the bidirectional
/// overrides and isolates (`invoice\u{202E}fdp.exe` reads as `invoiceexe.pdf`),
/// zero-width characters and the byte-order mark. Rust's `is_control` covers only
/// the C0/C1 controls.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
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
    // A cut may end on a space or dot, which Windows drops from a name's end.
    let stem = stem[..budget.min(stem.len())].trim_end_matches(['.', ' ']);
    let stem = if stem.is_empty() { "document" } else { stem };
    format!("{stem}{extension}")
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
        let cut_on_a_space = format!("{}{}.pdf", "a".repeat(115), " ".repeat(40));
        assert_eq!(
            sanitized_file_name(&cut_on_a_space),
            format!("{}.pdf", "a".repeat(115))
        );
    }

    #[test]
    fn direction_overrides_and_invisible_characters_are_replaced() {
        // Read right to left after U+202E, this "contract" would show as a PDF.
        assert_eq!(
            sanitized_file_name("contract\u{202E}fdp.exe"),
            "contract_fdp.exe"
        );
        assert_eq!(
            sanitized_file_name("a\u{200B}b\u{2066}c\u{FEFF}.pdf"),
            "a_b_c_.pdf"
        );
    }

    #[test]
    fn hostile_names_stay_one_readable_component() {
        let hostile = [
            "../../../etc/passwd".to_owned(),
            "..\\..\\Windows\\System32\\evil.dll".to_owned(),
            "/etc/shadow".to_owned(),
            "C:\\Users\\Public\\evil.pdf".to_owned(),
            "C:evil.pdf".to_owned(),
            "\\\\server\\share\\x.pdf".to_owned(),
            "line\nbreak\r.pdf".to_owned(),
            "nul\u{0}byte.pdf".to_owned(),
            "\u{1b}[31mred\u{1b}[0m.pdf".to_owned(),
            "x".repeat(300),
            format!("{}.pdf", "ñ".repeat(300)),
            "contract\u{202E}fdp.exe".to_owned(),
            "CON".to_owned(),
            "con .txt".to_owned(),
            "CONOUT$".to_owned(),
            ".".to_owned(),
            "..".to_owned(),
            "...".to_owned(),
            String::new(),
            " ".to_owned(),
            "/".to_owned(),
        ];
        for name in &hostile {
            let safe = sanitized_file_name(name);
            assert!(
                !safe.is_empty() && safe.len() <= MAX_BYTES,
                "{name:?} → {safe:?}"
            );
            assert!(
                !safe.starts_with('.') && safe != "..",
                "{name:?} → {safe:?}"
            );
            assert!(
                !safe.contains(['/', '\\', ':'])
                    && !safe
                        .chars()
                        .any(|c| c.is_control() || is_invisible_format(c)),
                "{name:?} → {safe:?}"
            );
            let stem = safe
                .split('.')
                .next()
                .unwrap()
                .trim_end()
                .to_ascii_uppercase();
            assert!(
                !RESERVED.contains(&stem.as_str()) && !RESERVED_OTHER.contains(&stem.as_str()),
                "{name:?} → {safe:?}"
            );
            let mut components = std::path::Path::new(&safe).components();
            assert!(
                matches!(
                    (components.next(), components.next()),
                    (Some(std::path::Component::Normal(_)), None)
                ),
                "{name:?} → {safe:?}"
            );
        }
        assert_eq!(sanitized_file_name("con .txt"), "_con .txt");
        assert_eq!(sanitized_file_name("/etc/shadow"), "shadow");
        assert_eq!(sanitized_file_name("line\nbreak\r.pdf"), "line_break_.pdf");
    }
}
