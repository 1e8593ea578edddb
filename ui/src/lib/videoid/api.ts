// The Video ID commands and the station's events, typed with the declarations
// generated from the Rust types.
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

import {
  STATION_EVENT,
  type RequestId,
  type SignatureRequestDraft,
  type SignatureRequestView,
  type SignerCorrection,
  type StationEvent,
  type VideoIdQueueEntry,
  type VideoIdReview,
} from '../generated/bindings';
import { call } from '../ipc';

export const videoIdApi = {
  queue: () => call<VideoIdQueueEntry[]>('videoid_queue'),
  create: (draft: SignatureRequestDraft) => call<SignatureRequestView>('videoid_create', { draft }),
  request: (id: RequestId) => call<SignatureRequestView>('videoid_request', { id }),
  review: (id: RequestId) => call<VideoIdReview>('videoid_review', { id }),
  /** The session's video as raw bytes (an ArrayBuffer from the app). */
  video: (id: RequestId) => call<ArrayBuffer | number[]>('videoid_video', { id }),
  approve: (id: RequestId) => call<SignatureRequestView>('videoid_approve', { id }),
  refuse: (id: RequestId, reason: string) =>
    call<SignatureRequestView>('videoid_refuse', { id, reason }),
  cancel: (id: RequestId) => call<SignatureRequestView>('videoid_cancel', { id }),
  correct: (id: RequestId, correction: SignerCorrection) =>
    call<SignatureRequestView>('videoid_correct', { id, correction }),
  /** Every change the backend announces (queue, request status, progress). */
  onStationEvent: (handler: (event: StationEvent) => void): Promise<UnlistenFn> =>
    listen<StationEvent>(STATION_EVENT, (event) => handler(event.payload)),
};
