//! End-to-end tests of One-Shot Station. The tests live in `tests/`; this library holds what
//! they share, such as [`webdriver::Station`], the real app driven through tauri-driver.

pub mod webdriver;
