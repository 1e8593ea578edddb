// What the officer fills in before a request exists: the signer, ID pictures,
// documents and how the signer confirms; and how it becomes a SignatureRequestDraft.
import type {
  FieldIssue,
  IdDocumentKind,
  IdentityCheck,
  IdentityField,
  PdfSummary,
  PreparedIdImage,
  SignatureRequestDraft,
  SignerIdentity,
  SignerLanguage,
  VisibleSignatureSpec,
  WorkflowKind,
} from '../generated/bindings';
import { positionText, type PointBox } from './signature-box';

/** The signer's data as typed, one string per field. */
export interface SignerFields {
  givenName: string;
  surname1: string;
  surname2: string;
  idDocumentType: IdDocumentKind;
  idDocumentCountry: string;
  serialNumber: string;
  email: string;
  mobilePhoneNumber: string;
  communicationLanguage: SignerLanguage | '';
}

export const EMPTY_SIGNER: SignerFields = {
  givenName: '',
  surname1: '',
  surname2: '',
  idDocumentType: 'IDC',
  idDocumentCountry: 'ES',
  serialNumber: '',
  email: '',
  mobilePhoneNumber: '',
  communicationLanguage: '',
};

export const DOCUMENT_KINDS: readonly IdDocumentKind[] = ['IDC', 'PAS', 'PNO', 'TIN', 'CI', 'CE'];
export const SIGNER_LANGUAGES: readonly SignerLanguage[] = ['ES', 'EN', 'PL'];

/** The ID pictures a request carries; the first three are required. */
export const ID_IMAGE_SLOTS = ['documentFront', 'documentRear', 'documentOwner', 'extraDocument'] as const;
export type IdImageSlot = (typeof ID_IMAGE_SLOTS)[number];
export const REQUIRED_ID_IMAGES: readonly IdImageSlot[] = ['documentFront', 'documentRear', 'documentOwner'];

/** Where the signature shows on a document: a page, a box on it, and the picture in it. */
export interface VisibleChoice {
  /** Page index, the first being 0. */
  page: number;
  /** In PDF points from the page's bottom-left corner. */
  box: PointBox;
  /** Uid of one of the Optimizer's signature images; none for the text-only signature. */
  image: string | null;
}

/** A PDF chosen to sign, with its pages once pdfium read it. */
export interface ChosenDocument {
  path: string;
  name: string;
  summary: PdfSummary;
  /** Set when the officer wants the signature visible on this document. */
  visible?: VisibleChoice | null;
}

/** The visible signature as the backend takes it. */
export function toVisibleSignature(choice: VisibleChoice): VisibleSignatureSpec {
  return { page: choice.page, position: positionText(choice.box), image: choice.image };
}

/** How the signer confirms the signature. */
export type Confirmation = 'sms' | 'whatsapp' | 'external';

export interface DraftChoices {
  confirmation: Confirmation;
  /** W4: the Optimizer signs in the background (OTP only). */
  asynchronous: boolean;
  externalType: string;
  externalValue: string;
  /** Certificate profile; blank for the default. */
  profile: string;
}

export const DEFAULT_CHOICES: DraftChoices = {
  confirmation: 'sms',
  asynchronous: false,
  externalType: '',
  externalValue: '',
  profile: '',
};

const blankToNull = (value: string) => (value.trim() === '' ? null : value);

/** The identity as the backend takes it. */
export function toIdentity(fields: SignerFields): SignerIdentity {
  return {
    givenName: fields.givenName,
    surname1: fields.surname1,
    surname2: blankToNull(fields.surname2),
    idDocumentType: fields.idDocumentType,
    idDocumentCountry: fields.idDocumentCountry,
    serialNumber: fields.serialNumber,
    email: fields.email,
    mobilePhoneNumber: fields.mobilePhoneNumber,
    communicationLanguage: fields.communicationLanguage === '' ? null : fields.communicationLanguage,
  };
}

/** The checks' issues grouped by field. */
export function issuesByField(check: IdentityCheck | null): Partial<Record<IdentityField, FieldIssue[]>> {
  const grouped: Partial<Record<IdentityField, FieldIssue[]>> = {};
  for (const issue of check?.issues ?? []) {
    grouped[issue.field] = [...(grouped[issue.field] ?? []), issue];
  }
  return grouped;
}

/** Which workflow the choices make. */
export function workflowKind(choices: DraftChoices, mode: 'pdf' | 'hash' = 'pdf'): WorkflowKind {
  if (mode === 'hash') return 'hash_signature';
  if (choices.confirmation === 'external') return 'external_authentication';
  return choices.asynchronous ? 'asynchronous' : 'classic_otp';
}

/** What is still missing before the request can start, as catalog keys. */
export function missingBeforeStart(
  images: Partial<Record<IdImageSlot, PreparedIdImage | null>>,
  documents: readonly ChosenDocument[],
  choices: DraftChoices,
): ('sign.missing.images' | 'sign.missing.documents' | 'sign.missing.external')[] {
  const missing: ('sign.missing.images' | 'sign.missing.documents' | 'sign.missing.external')[] = [];
  if (REQUIRED_ID_IMAGES.some((slot) => !images[slot])) missing.push('sign.missing.images');
  if (documents.length === 0) missing.push('sign.missing.documents');
  if (
    choices.confirmation === 'external' &&
    (choices.externalType.trim() === '' || choices.externalValue.trim() === '')
  ) {
    missing.push('sign.missing.external');
  }
  return missing;
}

/** The draft the backend starts a request from. */
export function toDraft(
  signer: SignerFields,
  images: Partial<Record<IdImageSlot, PreparedIdImage | null>>,
  documents: readonly ChosenDocument[],
  choices: DraftChoices,
  mode: 'pdf' | 'hash' = 'pdf',
): SignatureRequestDraft {
  const kind = workflowKind(choices, mode);
  const external = kind === 'external_authentication';
  return {
    kind,
    signer: toIdentity(signer),
    idImages: {
      documentFront: images.documentFront?.path ?? null,
      documentRear: images.documentRear?.path ?? null,
      documentOwner: images.documentOwner?.path ?? null,
      extraDocument: images.extraDocument?.path ?? null,
    },
    documents: documents.map((document) => ({
      path: document.path,
      // A hash signature (W3) has no page to show a signature on.
      visibleSignature: mode === 'pdf' && document.visible ? toVisibleSignature(document.visible) : null,
    })),
    options: {
      deliveryMethod: external ? null : choices.confirmation === 'whatsapp' ? 'whatsapp' : 'sms',
      externalAuthentication: external
        ? { unlockType: choices.externalType.trim(), unlockValue: choices.externalValue.trim() }
        : null,
      profile: blankToNull(choices.profile.trim()),
      registrationAuthority: null,
      videoidMode: null,
      evidence: null,
    },
  };
}

/** `list` with the item at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** The file name of a path, on any system. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}
