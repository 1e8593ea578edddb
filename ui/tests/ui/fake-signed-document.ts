// The Result step's commands in the fake backend: verification reports, saved copies
// and opening a signed document, plus the save dialog's answer.
import type { AppError, VerificationReport } from '../../src/lib/generated/bindings';

export const SIGNED_REPORT: VerificationReport = {
  document: 'pdf',
  verdict: 'valid',
  fileSize: 48_213,
  hasValidationData: false,
  signatures: [
    {
      kind: 'signature',
      fieldName: 'Signature1',
      subFilter: 'ETSI.CAdES.detached',
      signer: {
        commonName: 'LUCIA PEREZ - 00000023T',
        givenName: 'LUCIA',
        surname: 'PEREZ',
        idNumber: 'IDCES-00000023T',
        email: null,
        organization: null,
        country: 'ES',
        subject: 'CN=LUCIA PEREZ - 00000023T',
        issuer: 'CN=Sandbox Issuing CA',
        issuerCommonName: 'Sandbox Issuing CA',
        serialNumber: '01',
        notBefore: '2025-03-07T10:15:00Z',
        notAfter: '2025-03-07T10:30:00Z',
        qualified: true,
      },
      claimedSigningTime: { time: '2025-03-07T10:16:00Z', source: 'pdf_signature_dictionary' },
      timestamp: {
        time: '2025-03-07T10:16:01Z',
        authority: 'Sandbox TSA',
        integrity: { status: 'ok' },
        trust: { status: 'trusted', anchor: 'Sandbox Root CA' },
      },
      integrity: { status: 'ok' },
      trust: { status: 'trusted', anchor: 'Sandbox Root CA' },
      coversWholeFile: true,
      signedLength: 48_213,
      padesLevel: 'B-T',
      digestAlgorithm: 'SHA-256',
      signatureAlgorithm: 'RSA',
    },
  ],
};

export class FakeSignedDocuments {
  calls: { command: string; payload: unknown }[] = [];
  /** What the save dialog answers (null: the officer closed it). */
  saveAnswer: string | null = null;
  /** Commands that fail with this error instead of answering. */
  failures: Record<string, AppError> = {};

  handle(command: string, payload: unknown): unknown {
    if (!command.startsWith('signed_document_') && command !== 'plugin:dialog|save') return undefined;
    this.calls.push({ command, payload });
    const failure = this.failures[command];
    if (failure) throw failure;
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (command) {
      case 'signed_document_report':
        return SIGNED_REPORT;
      case 'signed_document_save_copy':
        return args.target;
      case 'signed_document_open':
        return null;
      case 'plugin:dialog|save':
        return this.saveAnswer;
      default:
        return undefined;
    }
  }
}
