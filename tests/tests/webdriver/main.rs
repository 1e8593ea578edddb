//! The real app, driven through tauri-driver. Run by `cargo xtask test` (Xvfb + tauri-driver).

mod connection;
