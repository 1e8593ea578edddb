//! Per-Optimizer defaults for new requests: the Registration Authority and the
//! certificate profile the officer's requests use unless they choose otherwise.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::db;
use super::models::WorkflowOptions;
use crate::audit::clock;
use crate::error::Result;
use crate::store::Store;

/// Defaults of one Optimizer profile; `None` leaves the choice to the Optimizer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileDefaults {
    /// Registration Authority id.
    pub registration_authority: Option<String>,
    /// Certificate profile.
    pub certificate_profile: Option<String>,
}

impl ProfileDefaults {
    /// Blank values count as none.
    fn tidied(self) -> Self {
        let tidy =
            |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        Self {
            registration_authority: tidy(self.registration_authority),
            certificate_profile: tidy(self.certificate_profile),
        }
    }

    /// `options` with these defaults where the officer chose nothing.
    pub(crate) fn fill(&self, mut options: WorkflowOptions) -> WorkflowOptions {
        if options.registration_authority.is_none() {
            options.registration_authority = self.registration_authority.clone();
        }
        if options.profile.is_none() {
            options.profile = self.certificate_profile.clone();
        }
        options
    }
}

pub(crate) async fn get(store: &std::sync::Arc<Store>, profile: i64) -> Result<ProfileDefaults> {
    db::read(store, move |connection| {
        Ok(connection
            .query_row(
                "SELECT registration_authority, certificate_profile
                 FROM profile_defaults WHERE profile_id = ?1",
                [profile],
                |row| {
                    Ok(ProfileDefaults {
                        registration_authority: row.get(0)?,
                        certificate_profile: row.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    })
    .await
}

pub(crate) async fn set(
    store: &std::sync::Arc<Store>,
    profile: i64,
    defaults: ProfileDefaults,
) -> Result<ProfileDefaults> {
    let defaults = defaults.tidied();
    let stored = defaults.clone();
    db::write(store, "profile_defaults".into(), move |tx| {
        tx.execute(
            "INSERT INTO profile_defaults (profile_id, registration_authority,
                 certificate_profile, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (profile_id) DO UPDATE SET
                 registration_authority = excluded.registration_authority,
                 certificate_profile = excluded.certificate_profile,
                 updated_at = excluded.updated_at",
            params![
                profile,
                stored.registration_authority,
                stored.certificate_profile,
                clock::now()
            ],
        )?;
        Ok(())
    })
    .await?;
    Ok(defaults)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_officers_choice_wins_over_the_defaults() {
        let defaults = ProfileDefaults {
            registration_authority: Some(" 139 ".into()),
            certificate_profile: Some("  ".into()),
        }
        .tidied();
        assert_eq!(defaults.registration_authority.as_deref(), Some("139"));
        assert_eq!(defaults.certificate_profile, None);
        let chosen = WorkflowOptions {
            registration_authority: Some("200".into()),
            ..WorkflowOptions::default()
        };
        assert_eq!(
            defaults.fill(chosen).registration_authority.as_deref(),
            Some("200")
        );
        let filled = defaults.fill(WorkflowOptions::default());
        assert_eq!(filled.registration_authority.as_deref(), Some("139"));
        assert_eq!(filled.profile, None);
    }
}
