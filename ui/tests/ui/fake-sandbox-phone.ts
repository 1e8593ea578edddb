// The sandbox phone's commands in the fake backend: an inbox the test fills and the
// Video ID outcomes the UI played.
import type { AppError, PhoneMessage, VideoIdOutcome } from '../../src/lib/generated/bindings';

export function message(request: number, code: string, channel = 'sms'): PhoneMessage {
  return {
    request,
    channel,
    to: '+34600111222',
    text: `Your One-Shot signature code is ${code}. It expires in 5 minutes. Request ${request}.`,
    code,
    sentAt: '2025-03-07T10:15:00Z',
  };
}

export class FakeSandboxPhone {
  /** Oldest first, as the sandbox keeps them. */
  inbox: PhoneMessage[] = [];
  played: { pk: number; outcome: VideoIdOutcome }[] = [];
  /** When set, playing an outcome fails with this error. */
  playFailure: AppError | null = null;

  handle(command: string, payload: unknown): unknown {
    const args = (payload ?? {}) as { request?: number | null; pk?: number; outcome?: VideoIdOutcome };
    switch (command) {
      case 'sandbox_phone_messages':
        return this.inbox
          .filter((m) => args.request === null || args.request === undefined || m.request === args.request)
          .reverse();
      case 'sandbox_phone_play_video_id':
        if (this.playFailure) throw this.playFailure;
        this.played.push({ pk: Number(args.pk), outcome: args.outcome as VideoIdOutcome });
        return null;
      default:
        return undefined;
    }
  }
}
