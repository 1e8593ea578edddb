//! The PDF worker process on its own, for tests and tools: the station itself runs
//! its own executable with `--pdf-worker` instead (see `station_core::serve_worker_process`).
//! Arguments are ignored; the pdfium library comes from `ONESHOT_PDF_WORKER_LIBRARY`.

fn main() -> std::process::ExitCode {
    station_core::serve_worker_process()
}
