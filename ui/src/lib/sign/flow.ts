// Where a started request stands, as the Sign screen shows it: derived from the
// backend's view alone, so a request left and opened again lands on the right step.
import type {
  DocumentView,
  RequestPhase,
  SignStage,
  SignatureRequestSummary,
  SignatureRequestView,
  WorkflowKind,
} from '../generated/bindings';

/** The steps of the guided flow, in order. */
export const STEPS = ['signer', 'images', 'documents', 'review', 'code', 'signing', 'result'] as const;
export type Step = (typeof STEPS)[number];

/** What the screen shows for a started request. */
export type RequestStage = 'review' | 'code' | 'signing' | 'result' | 'failed' | 'closed';

export function stageOf(view: SignatureRequestView): RequestStage {
  if (view.phase === 'completed') return 'result';
  if (view.phase === 'cancelled' || view.phase === 'refused') return 'closed';
  const task = view.officerTask;
  if (task?.task === 'showContract') return 'review';
  if (task?.task === 'enterCode') return 'code';
  if (task?.task === 'retry' || view.phase === 'failed') return 'failed';
  return 'signing';
}

/** The flow step a request stage belongs to (for the step indicator). */
export function stepOfStage(stage: RequestStage): Step {
  switch (stage) {
    case 'review':
      return 'review';
    case 'code':
      return 'code';
    case 'result':
    case 'closed':
      return 'result';
    default:
      return 'signing';
  }
}

const FINAL: readonly RequestPhase[] = ['completed', 'cancelled', 'refused'];

const KINDS: Readonly<Record<'pdf' | 'hash', readonly WorkflowKind[]>> = {
  pdf: ['classic_otp', 'external_authentication', 'asynchronous'],
  hash: ['hash_signature'],
};

const VIDEO_ID: readonly WorkflowKind[] = ['video_id_eidas', 'video_id_external'];

/** A Video ID request whose identification was approved: it goes on to be signed (W5, W6). */
function approvedVideoId(request: SignatureRequestSummary): boolean {
  const status = request.serverStatus;
  return VIDEO_ID.includes(request.kind) && status !== null && !status.startsWith('VIDEO');
}

/**
 * Unfinished requests of the Sign (W1, W2, W4, and approved Video ID requests, W5/W6) or Hash
 * sign (W3) screen, newest first. A Video ID request still being identified stays on the
 * Video ID screen.
 */
export function unfinished(
  requests: readonly SignatureRequestSummary[],
  mode: 'pdf' | 'hash' = 'pdf',
): SignatureRequestSummary[] {
  return requests.filter(
    (request) =>
      !FINAL.includes(request.phase) &&
      (KINDS[mode].includes(request.kind) || (mode === 'pdf' && approvedVideoId(request))),
  );
}

/** Seconds the officer waits before another code may be sent. */
export const RESEND_WAIT_SECONDS = 30;

/** When the last code was sent, from the request's send_otp steps. */
export function lastCodeSentAt(view: SignatureRequestView): Date | null {
  const times = view.steps
    .filter((step) => step.step === 'send_otp' && step.state === 'done' && step.finishedAt)
    .map((step) => Date.parse(step.finishedAt ?? ''))
    .filter((time) => !Number.isNaN(time));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

/** Seconds left before a new code may be sent, at `now`. */
export function resendWaitLeft(sentAt: Date | null, now: Date): number {
  if (sentAt === null) return 0;
  const left = RESEND_WAIT_SECONDS - Math.floor((now.getTime() - sentAt.getTime()) / 1000);
  return Math.max(0, Math.min(RESEND_WAIT_SECONDS, left));
}

/** How far one document has come while signing. */
export type DocumentProgress = 'waiting' | 'signed' | 'saved' | 'verified';

/** Each document's progress from the view and the last signature event. */
export function documentProgress(
  view: SignatureRequestView,
  stage: SignStage | null,
): DocumentProgress[] {
  const signStep = view.steps.find((step) => step.step === 'sign');
  const signed =
    signStep?.state === 'done' || stage?.stage === 'signed' || stage?.stage === 'fetched' || stage?.stage === 'verified';
  const fetched = stage?.stage === 'fetched' ? stage.done : 0;
  return view.documents.map((document: DocumentView, index) => {
    if (document.verification !== null || stage?.stage === 'verified') return 'verified';
    if (document.signedPath !== null || index < fetched) return 'saved';
    return signed ? 'signed' : 'waiting';
  });
}
