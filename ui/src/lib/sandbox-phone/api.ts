// The sandbox phone's commands (embedded sandbox only).
import type { PhoneMessage, VideoIdOutcome } from '../generated/bindings';
import { call } from '../ipc';

export const sandboxPhoneApi = {
  messages: (request: number | null) =>
    call<PhoneMessage[]>('sandbox_phone_messages', { request }),
  playVideoId: (pk: number, outcome: VideoIdOutcome) =>
    call<null>('sandbox_phone_play_video_id', { pk, outcome }),
};
