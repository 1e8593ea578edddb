// The Video ID request the officer fills in, made into the draft station-core checks.
import type {
  EvidenceChecks,
  SignatureRequestDraft,
  VideoIdEvidence,
  WorkflowKind,
} from '../generated/bindings';
import type { MessageKey } from '../i18n/catalogs';

export type VideoIdMode = 'eidas' | 'external';

/** A security check as the form asks it: passed, failed, or not made by the platform. */
export type CheckAnswer = 'passed' | 'failed' | 'notMade';

export const CHECKS = [
  'otpValidation',
  'documentsMatch',
  'dataIntegrity',
  'documentNotcopy',
  'documentNotexpired',
  'documentNotunderage',
  'liveliness',
] as const satisfies readonly (keyof EvidenceChecks)[];
export type CheckName = (typeof CHECKS)[number];

export const PICTURES = ['documentFront', 'documentRear', 'documentPhoto', 'documentOwner'] as const;
export type PictureName = (typeof PICTURES)[number];

export const PICTURE_LABELS = {
  documentFront: 'videoId.picture.document_front',
  documentRear: 'videoId.picture.document_rear',
  documentPhoto: 'videoId.picture.document_photo',
  documentOwner: 'videoId.picture.document_owner',
} as const satisfies Record<PictureName, MessageKey>;

export interface VideoIdForm {
  mode: VideoIdMode;
  email: string;
  mobilePhoneNumber: string;
  givenName: string;
  surname1: string;
  surname2: string;
  serialNumber: string;
  country: string;
  registrationAuthority: string;
  videoidMode: string;
  /** The PDF signed once the identification is approved; without one the request waits for it. */
  document: string | null;
  /** External mode only. */
  evidence: {
    pictures: Record<PictureName, string | null>;
    video: string | null;
    ocr: {
      givenName: string;
      surname1: string;
      surname2: string;
      serialNumber: string;
      country: string;
    };
    checks: Record<CheckName, CheckAnswer>;
    similarityLevel: string;
    acceptanceDescription: string;
    acceptanceIp: string;
    acceptanceDate: string;
  };
}

export function emptyForm(): VideoIdForm {
  return {
    mode: 'eidas',
    email: '',
    mobilePhoneNumber: '',
    givenName: '',
    surname1: '',
    surname2: '',
    serialNumber: '',
    country: '',
    registrationAuthority: '',
    videoidMode: '',
    document: null,
    evidence: {
      pictures: { documentFront: null, documentRear: null, documentPhoto: null, documentOwner: null },
      video: null,
      ocr: { givenName: '', surname1: '', surname2: '', serialNumber: '', country: '' },
      checks: {
        otpValidation: 'notMade',
        documentsMatch: 'notMade',
        dataIntegrity: 'notMade',
        documentNotcopy: 'notMade',
        documentNotexpired: 'notMade',
        documentNotunderage: 'notMade',
        liveliness: 'notMade',
      },
      similarityLevel: '',
      acceptanceDescription: '',
      acceptanceIp: '',
      acceptanceDate: '',
    },
  };
}

const text = (value: string) => value.trim();
const optional = (value: string) => (value.trim() === '' ? null : value.trim());
const answer = (value: CheckAnswer) => (value === 'notMade' ? null : value === 'passed');

function evidence(form: VideoIdForm): VideoIdEvidence {
  const { pictures, ocr, checks } = form.evidence;
  return {
    acceptance: {
      description: optional(form.evidence.acceptanceDescription),
      privacyPolicyUrl: null,
      termsUrl: null,
      videoidUrl: null,
      ip: optional(form.evidence.acceptanceIp),
      userAgent: null,
      date: optional(form.evidence.acceptanceDate),
    },
    documentFront: pictures.documentFront,
    documentRear: pictures.documentRear,
    documentPhoto: pictures.documentPhoto,
    documentOwner: pictures.documentOwner,
    ocr: {
      givenName: text(ocr.givenName),
      surname1: text(ocr.surname1),
      surname2: optional(ocr.surname2),
      serialNumber: text(ocr.serialNumber),
      mobilePhoneNumber: optional(form.mobilePhoneNumber),
      email: optional(form.email),
      idDocumentCountry: optional(ocr.country.toUpperCase()),
    },
    securityChecks: Object.fromEntries(
      CHECKS.map((name) => [name, answer(checks[name])]),
    ) as Record<CheckName, boolean | null>,
    similarityLevel: optional(form.evidence.similarityLevel),
    // station-core names the missing video when it checks the files.
    video: form.evidence.video ?? '',
  };
}

/** The draft for station-core: blanks become absent, the mode picks the workflow. */
export function toDraft(form: VideoIdForm): SignatureRequestDraft {
  const kind: WorkflowKind = form.mode === 'eidas' ? 'video_id_eidas' : 'video_id_external';
  const mode = form.videoidMode.trim();
  return {
    kind,
    signer: {
      givenName: text(form.givenName),
      surname1: text(form.surname1),
      surname2: optional(form.surname2),
      idDocumentType: 'IDC',
      idDocumentCountry: text(form.country).toUpperCase(),
      serialNumber: text(form.serialNumber),
      email: text(form.email),
      mobilePhoneNumber: text(form.mobilePhoneNumber),
      communicationLanguage: null,
    },
    idImages: { documentFront: null, documentRear: null, documentOwner: null, extraDocument: null },
    documents: form.document ? [{ path: form.document, visibleSignature: null }] : [],
    options: {
      deliveryMethod: null,
      externalAuthentication: null,
      profile: null,
      registrationAuthority: optional(form.registrationAuthority),
      videoidMode: /^\d+$/.test(mode) ? Number(mode) : null,
      evidence: form.mode === 'external' ? evidence(form) : null,
    },
  };
}
