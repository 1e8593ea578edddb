// The Sign screen's commands and events, typed with the declarations generated from
// the Rust types.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

import {
  STATION_EVENT,
  type IdImageEdit,
  type IdentityCheck,
  type PageImage,
  type PdfSummary,
  type PreparedIdImage,
  type ProfileDefaults,
  type RenderSize,
  type SignatureRequestDraft,
  type SignatureRequestSummary,
  type SignatureRequestView,
  type SignerIdentity,
  type StationEvent,
} from '../generated/bindings';
import { call } from '../ipc';

export const signApi = {
  checkSigner: (signer: SignerIdentity) => call<IdentityCheck>('sign_check_signer', { signer }),
  profileDefaults: () => call<ProfileDefaults>('sign_profile_defaults'),
  prepareIdImage: (path: string, edit: IdImageEdit | null = null) =>
    call<PreparedIdImage>('sign_prepare_id_image', { path, edit }),
  /** A camera picture: the JPEG bytes travel as the request's raw body. */
  prepareCapturedImage: (bytes: Uint8Array) =>
    call<PreparedIdImage>('sign_prepare_captured_image', bytes),
  start: (draft: SignatureRequestDraft) => call<SignatureRequestView>('sign_start', { draft }),
  requests: () => call<SignatureRequestSummary[]>('sign_requests'),
  request: (id: string) => call<SignatureRequestView>('sign_request', { id }),
  confirmContract: (id: string) => call<SignatureRequestView>('sign_confirm_contract', { id }),
  resendOtp: (id: string) => call<SignatureRequestView>('sign_resend_otp', { id }),
  submitCode: (id: string, code: string) =>
    call<SignatureRequestView>('sign_submit_code', { id, code }),
  retry: (id: string) => call<SignatureRequestView>('sign_retry', { id }),
  cancel: (id: string) => call<SignatureRequestView>('sign_cancel', { id }),
  /** The workflows' events (a request moved, signature progress…). */
  onEvent: (handler: (event: StationEvent) => void): Promise<UnlistenFn> =>
    listen<StationEvent>(STATION_EVENT, (event) => handler(event.payload)),
};

export const pdfApi = {
  summary: (path: string) => call<PdfSummary>('pdf_summary', { path }),
  page: (path: string, page: number, size: RenderSize) =>
    call<PageImage>('pdf_page_image', { path, page, size }),
};
