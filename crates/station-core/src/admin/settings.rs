//! The Optimizer's settings: timestamp authority, request defaults, billing account
//! and environment.

use base64::Engine as _;
use oneshot_api::{
    BillingSettings, GeneralSettings, OptimizerSettings, RequestDefaults, Secret, TsaSettings,
};

use super::AdminService;
use super::models::{AdminSettings, OptimizerEnvironment, SettingsUpdate};
use crate::connection::SignedIn;
use crate::error::{Error, Result};
use crate::vault::SecretKind;

impl AdminService {
    /// The settings as the Optimizer holds them.
    pub async fn settings(&self) -> Result<AdminSettings> {
        let signed_in = self.signed_in().await?;
        self.read_settings(&signed_in).await
    }

    /// Sends the changed sections only, so the Optimizer keeps everything else
    /// (including a billing password nobody retyped). A billing password typed
    /// here is also kept in the vault, after the Optimizer accepted it.
    pub async fn update_settings(&self, update: SettingsUpdate) -> Result<AdminSettings> {
        let signed_in = self.signed_in().await?;
        let password = update
            .billing_password
            .as_ref()
            .map(|password| Secret::new(password.expose().trim()))
            .filter(|password| !password.is_empty());
        let changes = sections(&update, password.as_ref());
        if changes != OptimizerSettings::default() {
            signed_in.client.settings().update(&changes).await?;
        }
        if let Some(password) = password {
            let vault = self.connection.vault().clone();
            let profile = signed_in.profile_id;
            blocking(move || vault.put(profile, SecretKind::BillingPassword, &password)).await?;
            tracing::info!("billing password replaced on the Optimizer and kept in the vault");
        }
        self.read_settings(&signed_in).await
    }

    async fn read_settings(&self, signed_in: &SignedIn) -> Result<AdminSettings> {
        let settings = signed_in.client.settings().get().await?;
        let vault = self.connection.vault().clone();
        let profile = signed_in.profile_id;
        let in_vault = blocking(move || vault.get(profile, SecretKind::BillingPassword))
            .await?
            .is_some();
        Ok(view(settings, in_vault))
    }
}

fn view(settings: OptimizerSettings, billing_password_in_vault: bool) -> AdminSettings {
    let request = settings.request.unwrap_or_default();
    let billing = settings.billing.unwrap_or_default();
    let environment = settings
        .general
        .and_then(|general| general.environment)
        .and_then(|word| match word.trim() {
            "sandbox" => Some(OptimizerEnvironment::Sandbox),
            "prod" => Some(OptimizerEnvironment::Prod),
            _ => None,
        });
    AdminSettings {
        tsa_url: settings.tsa.and_then(|tsa| tsa.tsa_url),
        default_profile: request.default_profile,
        default_ra: request.default_ra,
        billing_username: billing.billing_username,
        billing_password_on_optimizer: billing
            .billing_password
            .is_some_and(|password| !password.is_empty()),
        billing_password_in_vault,
        environment,
    }
}

/// The sections `update` touches. The Optimizer wants the billing password
/// base64-encoded; the officer types it as it is.
fn sections(update: &SettingsUpdate, billing_password: Option<&Secret>) -> OptimizerSettings {
    let trimmed = |value: &Option<String>| value.as_ref().map(|text| text.trim().to_owned());
    let mut settings = OptimizerSettings::default();
    if update.tsa_url.is_some() {
        settings.tsa = Some(TsaSettings {
            tsa_url: trimmed(&update.tsa_url),
        });
    }
    if update.default_profile.is_some() || update.default_ra.is_some() {
        settings.request = Some(RequestDefaults {
            default_profile: trimmed(&update.default_profile),
            default_ra: trimmed(&update.default_ra),
        });
    }
    if update.billing_username.is_some() || billing_password.is_some() {
        settings.billing = Some(BillingSettings {
            billing_username: trimmed(&update.billing_username),
            billing_password: billing_password.map(|password| {
                Secret::new(base64::engine::general_purpose::STANDARD.encode(password.expose()))
            }),
        });
    }
    if let Some(environment) = update.environment {
        settings.general = Some(GeneralSettings {
            environment: Some(
                match environment {
                    OptimizerEnvironment::Sandbox => "sandbox",
                    OptimizerEnvironment::Prod => "prod",
                }
                .to_owned(),
            ),
            ..GeneralSettings::default()
        });
    }
    settings
}

/// Runs vault work (D-Bus) off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| Error::Task(error.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_sections_are_sent_and_the_password_is_encoded() {
        let update = SettingsUpdate {
            default_ra: Some(" 2000 ".into()),
            billing_password: Some(Secret::new("ignored here")),
            ..SettingsUpdate::default()
        };
        let password = Secret::new("s3cret");
        let sent = sections(&update, Some(&password));
        assert_eq!(sent.tsa, None);
        assert_eq!(sent.general, None);
        let request = sent.request.unwrap();
        assert_eq!(request.default_ra.as_deref(), Some("2000"));
        assert_eq!(request.default_profile, None);
        let billing = sent.billing.unwrap();
        assert_eq!(billing.billing_username, None);
        assert_eq!(billing.billing_password.unwrap().expose(), "czNjcmV0");
    }

    #[test]
    fn nothing_to_send_for_an_empty_update() {
        assert_eq!(
            sections(&SettingsUpdate::default(), None),
            OptimizerSettings::default()
        );
    }

    #[test]
    fn the_view_shows_whether_a_password_is_set_never_its_value() {
        let settings: OptimizerSettings = serde_json::from_str(
            r#"{"billing":{"billing_username":"b@x","billing_password":"********"},
                "general":{"environment":"prod"}}"#,
        )
        .unwrap();
        let shown = view(settings, false);
        assert!(shown.billing_password_on_optimizer);
        assert_eq!(shown.environment, Some(OptimizerEnvironment::Prod));
        assert!(!format!("{shown:?}").contains("****"));
    }
}
