// What the review compares: the signer's data as entered beside what the
// identification read, and the similarity level as a gauge position.

/** The signer's data as the officer entered it (SignerIdentity has these fields). */
export interface EnteredSigner {
  readonly givenName: string;
  readonly surname1: string;
  readonly surname2: string | null;
  readonly serialNumber: string;
  readonly email: string;
  readonly mobilePhoneNumber: string;
  readonly idDocumentCountry: string;
}

/** What the identification read from the document (EvidenceOcr has these fields). */
export interface ReadSigner {
  readonly givenName: string;
  readonly surname1: string;
  readonly surname2: string | null;
  readonly serialNumber: string;
  readonly mobilePhoneNumber: string | null;
  readonly email: string | null;
  readonly idDocumentCountry: string | null;
}

export const COMPARED_FIELDS = [
  'givenName',
  'surname1',
  'surname2',
  'serialNumber',
  'idDocumentCountry',
  'email',
  'mobilePhoneNumber',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** `unknown` when one side is blank: nothing to compare, not a mismatch. */
export type Agreement = 'same' | 'different' | 'unknown';

export interface Comparison {
  readonly field: ComparedField;
  readonly entered: string;
  readonly read: string;
  readonly agreement: Agreement;
}

/** The form two values are compared in: names without case, accents or extra spaces. */
function comparable(field: ComparedField, value: string): string {
  const text = value.trim();
  switch (field) {
    case 'mobilePhoneNumber':
      // "+34 600 12 31 23" and "+34600123123" are the same number.
      return text.replace(/[^\d+]/g, '');
    case 'serialNumber':
    case 'idDocumentCountry':
      return text.replace(/[\s-]/g, '').toUpperCase();
    default:
      return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').toLowerCase();
  }
}

/** Each field side by side, with whether both sides agree. */
export function compareSigner(entered: EnteredSigner, read: ReadSigner | null): Comparison[] {
  return COMPARED_FIELDS.map((field) => {
    const mine = entered[field] ?? '';
    const theirs = read?.[field] ?? '';
    const a = comparable(field, mine);
    const b = comparable(field, theirs);
    const agreement: Agreement = a === '' || b === '' ? 'unknown' : a === b ? 'same' : 'different';
    return { field, entered: mine, read: theirs, agreement };
  });
}

/** Where words some platforms send instead of a score sit on the gauge. */
const WORD_SCORES: Readonly<Record<string, number>> = {
  'very high': 95,
  high: 85,
  medium: 60,
  low: 30,
  'very low': 10,
};

/** The similarity level as a gauge position 0–100, `null` when it cannot be placed. */
export function similarityScore(level: string | null): number | null {
  if (level === null) return null;
  const text = level.trim().toLowerCase();
  if (/^\d{1,3}(\.\d+)?$/.test(text)) {
    const score = Number(text);
    return score <= 100 ? score : null;
  }
  return WORD_SCORES[text] ?? null;
}

/** Below this score the gauge warns. */
export const SIMILARITY_WARNING = 70;

/** The MIME type of a video by its first bytes, so the webview knows how to play it. */
export function videoType(bytes: Uint8Array): string {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(4, 8) === 'ftyp') return ascii(8, 10) === 'qt' ? 'video/quicktime' : 'video/mp4';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'video/webm';
  if (ascii(0, 4) === 'OggS') return 'video/ogg';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 11) === 'AVI') return 'video/x-msvideo';
  return 'application/octet-stream';
}
