// The Result step's actions on a signed document, named by request and position.
import type { VerificationReport } from '../generated/bindings';
import { call } from '../ipc';

export const signedDocumentApi = {
  report: (id: string, position: number) =>
    call<VerificationReport>('signed_document_report', { id, position }),
  saveCopy: (id: string, position: number, target: string) =>
    call<string>('signed_document_save_copy', { id, position, target }),
  open: (id: string, position: number) => call<null>('signed_document_open', { id, position }),
};
