// The settings form's logic: what the officer changed, as the update to send.
import type {
  AdminSettings,
  OptimizerEnvironment,
  SettingsUpdate,
} from '../generated/bindings';

/** The editable fields, as the form holds them. */
export interface SettingsDraft {
  tsaUrl: string;
  defaultProfile: string;
  defaultRa: string;
  billingUsername: string;
  environment: OptimizerEnvironment | '';
  /** Empty keeps the current password. */
  billingPassword: string;
}

export function draftOf(settings: AdminSettings): SettingsDraft {
  return {
    tsaUrl: settings.tsaUrl ?? '',
    defaultProfile: settings.defaultProfile ?? '',
    defaultRa: settings.defaultRa ?? '',
    billingUsername: settings.billingUsername ?? '',
    environment: settings.environment ?? '',
    billingPassword: '',
  };
}

/** Only the fields that differ from `saved`; an empty object when nothing changed. */
export function changes(saved: AdminSettings, draft: SettingsDraft): SettingsUpdate {
  const update: SettingsUpdate = {};
  const text = (now: string, before: string | null) =>
    now.trim() !== (before ?? '').trim() ? now.trim() : undefined;
  const tsaUrl = text(draft.tsaUrl, saved.tsaUrl);
  if (tsaUrl !== undefined) update.tsaUrl = tsaUrl;
  const defaultProfile = text(draft.defaultProfile, saved.defaultProfile);
  if (defaultProfile !== undefined) update.defaultProfile = defaultProfile;
  const defaultRa = text(draft.defaultRa, saved.defaultRa);
  if (defaultRa !== undefined) update.defaultRa = defaultRa;
  const billingUsername = text(draft.billingUsername, saved.billingUsername);
  if (billingUsername !== undefined) update.billingUsername = billingUsername;
  if (draft.environment !== '' && draft.environment !== saved.environment) {
    update.environment = draft.environment;
  }
  if (draft.billingPassword !== '') update.billingPassword = draft.billingPassword;
  return update;
}

export function isEmpty(update: SettingsUpdate): boolean {
  return Object.keys(update).length === 0;
}
