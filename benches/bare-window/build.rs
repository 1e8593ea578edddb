//! Generates the Tauri context, as the station's build script does.

fn main() {
    tauri_build::build();
}
