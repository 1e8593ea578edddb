//! Fault injection for reliability tests: latency, proxy error pages, resets
//! (before, during and after the work), truncated and garbage bodies.
//!
//! Armed through `POST /sandbox/v1/faults`, listed with GET, cleared with DELETE.

mod book;
mod connection;
mod layer;

pub use book::{FaultBook, FaultSpec};
pub use connection::{ConnectionKill, KillableStream};
pub use layer::apply_faults;
