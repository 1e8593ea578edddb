// The Sign screen's commands in the fake backend: the signer checks, ID pictures,
// PDF pages and a signature request walked through its steps the way station-core
// answers, kept in memory.
import type {
  IdImageEdit,
  AppError,
  DocumentView,
  FieldIssue,
  IdentityCheck,
  OfficerTask,
  PreparedIdImage,
  RequestPhase,
  SignatureRequestDraft,
  SignatureRequestSummary,
  SignatureRequestView,
  SignerIdentity,
  StepName,
  StepState,
  StepView,
  WorkflowKind,
} from '../../src/lib/generated/bindings';
import { PNG_BASE64 } from './fake-admin';

export const RIGHT_CODE = '052174';
const PNG = `data:image/png;base64,${PNG_BASE64}`;
const LONG_AGO = '2025-03-07T10:15:00Z';

const fail = (code: string, details: string | null = null): AppError => ({
  code,
  message: `${code} (fake)`,
  details,
});

export const LUCIA: SignerIdentity = {
  givenName: 'Lucía',
  surname1: 'Pérez',
  surname2: null,
  idDocumentType: 'IDC',
  idDocumentCountry: 'ES',
  serialNumber: '00000023T',
  email: 'lucia.perez@example.org',
  mobilePhoneNumber: '+34600111222',
  communicationLanguage: null,
};

/** The DNI check letter, as station-core computes it. */
function dniLetter(digits: string): string {
  return 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(digits) % 23] ?? '';
}

/** A few of station-core's checks: enough for the screen to show field issues. */
export function checkSigner(signer: SignerIdentity): IdentityCheck {
  const issues: FieldIssue[] = [];
  const issue = (field: FieldIssue['field'], code: FieldIssue['code'], blocking = true) =>
    issues.push({ field, code, blocking, params: {} });
  if (signer.givenName.trim() === '') issue('givenName', 'identity.required');
  if (signer.surname1.trim() === '') issue('surname1', 'identity.required');
  if (!/^[A-Z]{2}$/.test(signer.idDocumentCountry.trim().toUpperCase())) {
    issue('idDocumentCountry', 'identity.country_unknown');
  }
  const number = signer.serialNumber.trim().toUpperCase();
  if (number === '') issue('serialNumber', 'identity.required');
  else if (signer.idDocumentType === 'IDC' && signer.idDocumentCountry.toUpperCase() === 'ES') {
    const match = /^(\d{8})([A-Z])$/.exec(number);
    if (!match) issue('serialNumber', 'identity.dni_format');
    else if (dniLetter(match[1] ?? '') !== match[2]) issue('serialNumber', 'identity.dni_check_letter');
  }
  if (signer.email.trim() === '') issue('email', 'identity.required');
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(signer.email.trim())) issue('email', 'identity.email_invalid');
  const phone = signer.mobilePhoneNumber.replace(/\s/g, '');
  if (phone === '') issue('mobilePhoneNumber', 'identity.required');
  else if (!phone.startsWith('+')) issue('mobilePhoneNumber', 'identity.phone_prefix_missing');
  else if (phone.startsWith('+3491')) issue('mobilePhoneNumber', 'identity.phone_not_mobile', false);
  return { identity: { ...signer, mobilePhoneNumber: phone }, issues };
}

const PLAN: StepName[] = [
  'create_request',
  'upload_documents',
  'show_contract',
  'send_otp',
  'sign',
  'fetch_signed',
  'verify_backup',
  'delete_documents',
];

/** Where a fake request stands. */
export type FakeStage = 'review' | 'code' | 'completed' | 'failed' | 'cancelled';

interface FakeRequest {
  id: string;
  pk: number;
  signer: SignerIdentity;
  documents: string[];
  stage: FakeStage;
  external: boolean;
  kind: WorkflowKind;
  lastError: string | null;
  codeSentAt: string;
  updatedAt: number;
}

export class FakeSign {
  requests: FakeRequest[] = [];
  calls: { command: string; payload: unknown }[] = [];
  /** Commands that fail with this error instead of answering. */
  failures: Record<string, AppError> = {};
  /** What the file dialog answers. */
  dialogAnswer: string | string[] | null = null;
  /** When set, sign_submit_code waits for it: the test plays the progress events meanwhile. */
  signGate: Promise<void> | null = null;
  /** Codes submitted (the UI must send them to the backend only). */
  codes: string[] = [];
  private next = 1;
  private clock = 1;

  /** A request left unfinished by an earlier session. */
  unfinished(stage: FakeStage, signer: SignerIdentity = LUCIA, kind: WorkflowKind = 'classic_otp'): FakeRequest {
    const request = this.create(signer, ['/home/officer/contrato.pdf'], kind);
    request.stage = stage;
    return request;
  }

  handle(command: string, payload: unknown): unknown {
    if (
      !command.startsWith('sign_') &&
      !command.startsWith('pdf_') &&
      !command.startsWith('hash_sign_') &&
      command !== 'plugin:dialog|open'
    ) {
      return undefined;
    }
    this.calls.push({ command, payload });
    const failure = this.failures[command];
    if (failure) throw failure;
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (command) {
      case 'sign_check_signer':
        return checkSigner(args.signer as SignerIdentity);
      case 'sign_profile_defaults':
        return { registrationAuthority: '1000', certificateProfile: 'PFnubeQAFCiudadano' };
      case 'sign_prepare_id_image':
        return this.prepare(String(args.path), (args.edit as IdImageEdit | null | undefined) ?? null);
      case 'sign_prepare_captured_image':
        return this.prepareCaptured(payload);
      case 'pdf_summary':
        return this.summary(String(args.path));
      case 'pdf_page_image':
        this.summary(String(args.path));
        return { page: Number(args.page), width: 120, height: 170, dataUrl: PNG };
      case 'sign_start':
        return this.start(args.draft as SignatureRequestDraft);
      case 'sign_requests':
        return this.summaries();
      case 'sign_request':
        return this.view(this.find(args.id));
      case 'sign_confirm_contract':
        return this.move(args.id, 'review', (request) => {
          request.stage = 'code';
          request.codeSentAt = new Date().toISOString();
        });
      case 'sign_resend_otp':
        return this.move(args.id, 'code', (request) => {
          request.codeSentAt = new Date().toISOString();
          request.lastError = null;
        });
      case 'sign_submit_code':
        return this.submit(args.id, String(args.code));
      case 'sign_retry':
        return this.move(args.id, null, (request) => {
          if (request.stage === 'failed') request.stage = 'review';
        });
      case 'sign_cancel':
        return this.move(args.id, null, (request) => {
          request.stage = 'cancelled';
        });
      case 'plugin:dialog|open':
        return this.dialogAnswer;
      case 'hash_sign_digest': {
        const path = String(args.path);
        return { path, fileName: path.split('/').pop() ?? path, byteSize: 4096, sha256: `${'0'.repeat(60)}${path.length.toString(16).padStart(4, '0')}` };
      }
      case 'hash_sign_save_beside':
        return this.find(args.id).documents.map((source) => ({ source, signature: `${source}.p7m` }));
      default:
        throw fail('ui.unexpected', command);
    }
  }

  /** The camera pictures the UI sent, as bytes. */
  captured: Uint8Array[] = [];

  private prepare(path: string, edit: IdImageEdit | null, captured = false): PreparedIdImage {
    if (!/\.(png|jpe?g)$/i.test(path)) throw fail('id_image.unsupported_format', path);
    const dark = path.includes('dark');
    const applied = edit ?? { quarterTurns: 0, crop: null };
    const turned = applied.quarterTurns % 2 === 1;
    const [width, height] = applied.crop
      ? [applied.crop.width, applied.crop.height]
      : turned
        ? [2000, 3200]
        : [3200, 2000];
    const scale = Math.min(1, 1600 / Math.max(width, height));
    return {
      path: `/data/id-images/${this.next++}.jpg`,
      source: path,
      sourceName: path.split('/').pop() ?? path,
      captured: captured || path.includes('/camera-'),
      edit: applied,
      report: {
        width: Math.round(width * scale),
        height: Math.round(height * scale),
        byteSize: 204800,
        sourceWidth: 3200,
        sourceHeight: 2000,
        hints: dark ? ['id_image.too_dark'] : [],
        measurements: { sharpness: 900, meanLuminance: dark ? 30 : 128, darkShare: 0, clippedShare: 0 },
      },
      preview: PNG,
    };
  }

  /** A camera picture: the raw body must be a JPEG or PNG. */
  private prepareCaptured(payload: unknown): PreparedIdImage {
    const bytes =
      payload instanceof Uint8Array
        ? payload
        : Uint8Array.from(Object.values((payload ?? {}) as Record<string, number>));
    const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    const png = bytes[0] === 0x89 && bytes[1] === 0x50;
    if (!jpeg && !png) throw fail('id_image.unsupported_format', 'unknown');
    this.captured.push(bytes);
    return this.prepare(`/data/id-images/camera-${this.next}.${jpeg ? 'jpg' : 'png'}`, null, true);
  }

  private summary(path: string) {
    if (!path.endsWith('.pdf')) throw fail('pdf.not_a_pdf', path);
    const pages = path.includes('contrato') || path.includes('contract') ? 3 : 2;
    return {
      digest: 'ab'.repeat(32),
      byteSize: 2048,
      pages: Array.from({ length: pages }, () => ({ widthPt: 595, heightPt: 842 })),
    };
  }

  private create(signer: SignerIdentity, documents: string[], kind: WorkflowKind): FakeRequest {
    const request: FakeRequest = {
      id: `req${String(this.next++).padStart(29, '0')}`,
      pk: 40 + this.next,
      signer,
      documents,
      stage: 'review',
      external: kind === 'external_authentication',
      kind,
      lastError: null,
      codeSentAt: LONG_AGO,
      updatedAt: this.clock++,
    };
    this.requests = [request, ...this.requests];
    return request;
  }

  private start(draft: SignatureRequestDraft): SignatureRequestView {
    const check = checkSigner(draft.signer);
    if (check.issues.some((issue) => issue.blocking)) throw fail('identity.invalid');
    if (draft.documents.length === 0) throw fail('workflow.no_documents');
    const request = this.create(
      check.identity,
      draft.documents.map((document) => document.path),
      draft.kind,
    );
    return this.view(request);
  }

  private async submit(id: unknown, code: string): Promise<SignatureRequestView> {
    this.codes.push(code);
    const request = this.find(id);
    if (request.stage !== 'code') throw fail('workflow.not_expected');
    if (this.signGate) await this.signGate;
    request.updatedAt = this.clock++;
    if (code !== RIGHT_CODE) {
      request.lastError = 'workflow.wrong_code';
      return this.view(request);
    }
    request.stage = 'completed';
    return this.view(request);
  }

  private move(id: unknown, expected: FakeStage | null, change: (request: FakeRequest) => void) {
    const request = this.find(id);
    if (expected !== null && request.stage !== expected) throw fail('workflow.not_expected');
    change(request);
    request.updatedAt = this.clock++;
    return this.view(request);
  }

  private find(id: unknown): FakeRequest {
    const request = this.requests.find((known) => known.id === id);
    if (!request) throw fail('workflow.unknown_request', String(id));
    return request;
  }

  private phase(request: FakeRequest): RequestPhase {
    switch (request.stage) {
      case 'completed':
        return 'completed';
      case 'cancelled':
        return 'cancelled';
      case 'failed':
        return 'failed';
      default:
        return 'awaiting_officer';
    }
  }

  private summaries(): SignatureRequestSummary[] {
    return this.requests.map((request) => ({
      id: request.id,
      kind: request.kind,
      phase: this.phase(request),
      signer: `${request.signer.givenName} ${request.signer.surname1}`,
      optimizerPk: request.pk,
      serverStatus: 'ENROLLREADY',
      createdAt: LONG_AGO,
      updatedAt: LONG_AGO,
    }));
  }

  view(request: FakeRequest): SignatureRequestView {
    const reached = {
      review: 'show_contract',
      code: 'sign',
      failed: 'upload_documents',
      completed: null,
      cancelled: null,
    }[request.stage] as StepName | null;
    const at = reached === null ? PLAN.length : PLAN.indexOf(reached);
    const steps: StepView[] = PLAN.map((step, index) => {
      let state: StepState = index < at ? 'done' : index === at ? 'awaiting_officer' : 'pending';
      if (request.stage === 'failed' && index === at) state = 'failed';
      if (request.stage === 'cancelled' && index >= PLAN.indexOf('sign')) state = 'skipped';
      return {
        step,
        state,
        attempts: state === 'pending' ? 0 : 1,
        errorCode: state === 'failed' ? 'optimizer.unreachable' : null,
        errorDetails: null,
        startedAt: state === 'pending' ? null : LONG_AGO,
        finishedAt: state === 'done' ? (step === 'send_otp' ? request.codeSentAt : LONG_AGO) : null,
      };
    });
    const folder = `/data/backups/${request.id}`;
    const documents: DocumentView[] = request.documents.map((path, position) => ({
      position,
      fileName: path.split('/').pop() ?? path,
      sourcePath: path,
      sourceSha256: 'cd'.repeat(32),
      serverUid: `uid-${position}`,
      signedPath:
        request.stage === 'completed'
          ? `${folder}/${position} ${request.kind === 'hash_signature' ? 'signed.p7m' : 'signed.pdf'}`
          : null,
      signedSha256: request.stage === 'completed' ? 'ef'.repeat(32) : null,
      verification: request.stage === 'completed' ? 'valid' : null,
    }));
    let officerTask: OfficerTask | null = null;
    if (request.stage === 'review') officerTask = { task: 'showContract', contract: `${folder}/contract.pdf` };
    if (request.stage === 'code') {
      officerTask = { task: 'enterCode', external: request.external, lastError: request.lastError };
    }
    if (request.stage === 'failed') {
      officerTask = { task: 'retry', step: 'upload_documents', errorCode: 'optimizer.unreachable', errorDetails: 'connect error' };
    }
    return {
      id: request.id,
      kind: request.kind,
      phase: this.phase(request),
      officerTask,
      officer: '1125824',
      signer: request.signer,
      optimizerPk: request.pk,
      videoidLink: null,
      serverStatus: request.stage === 'completed' ? 'ISSUED' : 'ENROLLREADY',
      backupFolder: folder,
      steps,
      documents,
      createdAt: LONG_AGO,
      updatedAt: `2025-03-07T10:${String(15 + request.updatedAt).padStart(2, '0')}:00Z`,
    };
  }
}
