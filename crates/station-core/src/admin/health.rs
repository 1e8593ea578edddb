//! Is the Optimizer up, which release does it run, how fast does it answer.

use std::time::{Duration, Instant};

use super::AdminService;
use super::models::{OptimizerHealth, OptimizerHost};
use crate::error::Result;

impl AdminService {
    /// Calls hello then version and times each round trip.
    pub async fn health(&self) -> Result<OptimizerHealth> {
        let client = self.signed_in().await?.client;
        let started = Instant::now();
        let greeting = client.settings().hello().await?;
        let hello = started.elapsed();
        let started = Instant::now();
        let version = client.settings().version().await?;
        let version_elapsed = started.elapsed();
        Ok(OptimizerHealth {
            url: client.options().base_url().to_owned(),
            greeting,
            name: version.name,
            version: version.version,
            host: OptimizerHost {
                hostname: version.info.hostname,
                system: version.info.system,
                release: version.info.release,
                machine: version.info.machine,
            },
            hello_millis: millis(hello),
            version_millis: millis(version_elapsed),
        })
    }
}

/// Whole milliseconds, saturating: a round trip of 50 days is still "very slow".
fn millis(elapsed: Duration) -> u32 {
    u32::try_from(elapsed.as_millis()).unwrap_or(u32::MAX)
}
