// The Video ID commands of the fake backend: a queue and its requests kept in memory,
// answered and changed the way station-core does, so the UI's flows can be driven.
import type {
  AppError,
  SignatureRequestDraft,
  SignatureRequestView,
  SignerCorrection,
  VideoIdQueueEntry,
  VideoIdReview,
} from '../../src/lib/generated/bindings';
import { PNG_BASE64 } from './fake-admin';

const fail = (code: string, details: string | null = null): AppError => ({
  code,
  message: `${code} (fake)`,
  details,
});

const id = (pk: number) => `req${String(pk).padStart(29, '0')}`;

/** A request as created by station-core, waiting for the signer's video (W5). */
export function eidasView(pk: number, status = 'VIDEOPENDING'): SignatureRequestView {
  const inReview = status === 'VIDEOREVIEW';
  return {
    id: id(pk),
    kind: 'video_id_eidas',
    phase: inReview ? 'awaiting_officer' : 'waiting_for_optimizer',
    officerTask: inReview ? { task: 'reviewVideoId', status } : null,
    officer: '1125824',
    signer: {
      givenName: 'José',
      surname1: 'Muñoz',
      surname2: null,
      idDocumentType: 'IDC',
      idDocumentCountry: 'ES',
      serialNumber: '12345678Z',
      email: 'jose@example.com',
      mobilePhoneNumber: '+34600111222',
      communicationLanguage: null,
    },
    optimizerPk: pk,
    videoidLink: `http://127.0.0.1:45123/sandbox/v1/videoid/${pk}`,
    serverStatus: status,
    backupFolder: `/home/officer/.local/share/oneshot-station/backups/${id(pk)}`,
    steps: [],
    documents: [],
    createdAt: '2026-03-01T09:00:00Z',
    updatedAt: '2026-03-01T09:00:00Z',
  };
}

export function queueEntry(view: SignatureRequestView, createdAt = view.createdAt, ra: string | null = '1000'): VideoIdQueueEntry {
  return {
    request: view.id,
    optimizerPk: view.optimizerPk ?? 0,
    status: view.serverStatus ?? 'VIDEOPENDING',
    signer: `${view.signer.givenName} ${view.signer.surname1}`.trim() || view.signer.email,
    registrationAuthority: ra,
    createdAt,
    ageSeconds: 0,
    updatedAt: createdAt,
  };
}

export class FakeVideoId {
  views = new Map<string, SignatureRequestView>();
  queue: VideoIdQueueEntry[] = [];
  reviews = new Map<string, Omit<VideoIdReview, 'request'>>();
  drafts: SignatureRequestDraft[] = [];
  corrections: SignerCorrection[] = [];
  /** Commands that fail with this error instead of answering. */
  failures: Record<string, AppError> = {};
  /** What the file dialog answers, in turn. */
  dialogAnswers: string[] = [];
  private nextPk = 500;

  /** Adds a W5 request in `status` to the queue. */
  add(pk: number, status = 'VIDEOPENDING', createdAt?: string, ra: string | null = '1000'): SignatureRequestView {
    const view = eidasView(pk, status);
    this.views.set(view.id, view);
    this.queue.push(queueEntry(view, createdAt ?? view.createdAt, ra));
    this.reviews.set(view.id, {
      read: {
        givenName: 'JOSE',
        surname1: 'MUÑIZ',
        surname2: null,
        serialNumber: '12345678Z',
        mobilePhoneNumber: '+34 600 111 222',
        email: 'jose@example.com',
        idDocumentCountry: 'ES',
      },
      pictures: [
        { kind: 'document_front', dataUrl: `data:image/png;base64,${PNG_BASE64}` },
        { kind: 'document_rear', dataUrl: `data:image/png;base64,${PNG_BASE64}` },
      ],
      securityChecks: {
        otpValidation: true,
        documentsMatch: true,
        dataIntegrity: true,
        documentNotcopy: false,
        documentNotexpired: true,
        documentNotunderage: true,
        liveliness: null,
      },
      similarityLevel: '64',
      video: 'optimizer',
    });
    return view;
  }

  /** The signer finished the session: the request is ready for review. */
  reachReview(pk: number): void {
    const view = eidasView(pk, 'VIDEOREVIEW');
    this.views.set(view.id, view);
    this.queue = this.queue.map((entry) =>
      entry.optimizerPk === pk ? { ...entry, status: 'VIDEOREVIEW' } : entry,
    );
  }

  private end(requestId: string, phase: SignatureRequestView['phase'], serverStatus: string) {
    const view = this.views.get(requestId);
    if (!view) throw fail('workflow.unknown_request', requestId);
    const ended: SignatureRequestView = { ...view, phase, officerTask: null, serverStatus };
    this.views.set(requestId, ended);
    this.queue = this.queue.filter((entry) => entry.request !== requestId);
    return ended;
  }

  handle(command: string, payload: unknown): unknown {
    const failure = this.failures[command];
    if (failure) throw failure;
    const args = (payload ?? {}) as Record<string, unknown>;
    const requestId = String(args.id ?? '');
    switch (command) {
      case 'videoid_queue':
        return this.queue;
      case 'videoid_create': {
        const draft = args.draft as SignatureRequestDraft;
        this.drafts.push(draft);
        const pk = this.nextPk++;
        const base = eidasView(pk);
        const view: SignatureRequestView = {
          ...base,
          kind: draft.kind,
          signer: draft.signer,
          videoidLink: draft.kind === 'video_id_eidas' ? base.videoidLink : null,
          serverStatus: draft.kind === 'video_id_eidas' ? 'VIDEOPENDING' : 'VIDEOREVIEW',
        };
        this.views.set(view.id, view);
        this.queue.push(queueEntry(view, new Date().toISOString(), draft.options.registrationAuthority));
        return view;
      }
      case 'videoid_request':
      case 'videoid_review': {
        const view = this.views.get(requestId);
        if (!view) throw fail('workflow.unknown_request', requestId);
        if (command === 'videoid_request') return view;
        const review = this.reviews.get(requestId) ?? {
          read: null,
          pictures: [],
          securityChecks: null,
          similarityLevel: null,
          video: 'none',
        };
        return { request: view, ...review } satisfies VideoIdReview;
      }
      case 'videoid_video': {
        // The Optimizer's copy (W5) may not exist; the station's own file (W6) does.
        if (this.reviews.get(requestId)?.video !== 'station') {
          throw fail('optimizer.not_found', 'No video was uploaded');
        }
        return [...'\0\0\0\x18ftypmp42\0\0\0\0mp42isom'].map((c) => c.charCodeAt(0));
      }
      case 'videoid_approve': {
        const view = this.views.get(requestId);
        if (view?.officerTask?.task !== 'reviewVideoId') {
          throw fail('workflow.not_expected', 'approve at await_video_review (waiting)');
        }
        const approved: SignatureRequestView = {
          ...view,
          phase: 'awaiting_officer',
          officerTask: { task: 'addDocuments' },
          serverStatus: 'ENROLLREADY',
        };
        this.views.set(requestId, approved);
        this.queue = this.queue.filter((entry) => entry.request !== requestId);
        return approved;
      }
      case 'videoid_refuse':
        if (String(args.reason ?? '').trim() === '') throw fail('input.required', 'reason');
        return this.end(requestId, 'refused', 'REFUSED');
      case 'videoid_correct': {
        const view = this.views.get(requestId);
        if (!view) throw fail('workflow.unknown_request', requestId);
        const correction = args.correction as SignerCorrection;
        this.corrections.push(correction);
        const corrected: SignatureRequestView = {
          ...view,
          signer: {
            ...view.signer,
            givenName: correction.givenName ?? view.signer.givenName,
            surname1: correction.surname1 ?? view.signer.surname1,
            surname2: correction.surname2 ?? view.signer.surname2,
            serialNumber: correction.serialNumber ?? view.signer.serialNumber,
          },
        };
        this.views.set(requestId, corrected);
        return corrected;
      }
      case 'videoid_cancel':
        return this.end(requestId, 'cancelled', 'CANCELLED');
      case 'plugin:dialog|open':
        return this.dialogAnswers.shift() ?? null;
      default:
        return undefined;
    }
  }
}
