//! The real app, driven through tauri-driver. Run by `cargo xtask test` (Xvfb + tauri-driver).

mod admin;
mod connection;
mod hash_sign;
mod id_capture;
mod sign;
mod videoid;
mod videoid_external;
