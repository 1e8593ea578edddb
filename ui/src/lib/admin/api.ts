// The administration commands, typed with the declarations generated from the Rust types.
import type {
  AdminSettings,
  AdminToken,
  CreatedToken,
  MetadataEntry,
  NewMetadata,
  NewRaoToken,
  OptimizerHealth,
  SettingsUpdate,
  SignatureImage,
  SignatureImagePreview,
} from '../generated/bindings';
import { call } from '../ipc';

export const adminApi = {
  health: () => call<OptimizerHealth>('admin_health'),
  settings: () => call<AdminSettings>('admin_settings'),
  updateSettings: (update: SettingsUpdate) =>
    call<AdminSettings>('admin_update_settings', { update }),
  tokens: () => call<AdminToken[]>('admin_tokens'),
  lookUpToken: (token: string) => call<AdminToken>('admin_look_up_token', { token }),
  createToken: (request: NewRaoToken) => call<CreatedToken>('admin_create_token', { request }),
  deleteToken: (id: string) => call<AdminToken[]>('admin_delete_token', { id }),
  metadata: () => call<MetadataEntry[]>('admin_metadata'),
  metadataEntry: (uid: string) => call<MetadataEntry>('admin_metadata_entry', { uid }),
  addMetadata: (request: NewMetadata) => call<MetadataEntry>('admin_add_metadata', { request }),
  deleteMetadata: (uid: string) => call<MetadataEntry[]>('admin_delete_metadata', { uid }),
  deleteAllMetadata: () => call<null>('admin_delete_all_metadata'),
  signatureImages: () => call<SignatureImage[]>('admin_signature_images'),
  addSignatureImage: (path: string) =>
    call<SignatureImage[]>('admin_add_signature_image', { path }),
  signatureImagePreview: (uid: string) =>
    call<SignatureImagePreview>('admin_signature_image_preview', { uid }),
  deleteSignatureImage: (uid: string) =>
    call<SignatureImage[]>('admin_delete_signature_image', { uid }),
  deleteAllSignatureImages: () => call<null>('admin_delete_all_signature_images'),
};
