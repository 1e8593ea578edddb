// The Hash sign screen's own commands; the workflow's are the Sign screen's (sign/api.ts).
import type { FileDigest, SignatureBeside } from '../generated/bindings';
import { call } from '../ipc';

export const hashSignApi = {
  digest: (path: string) => call<FileDigest>('hash_sign_digest', { path }),
  saveBeside: (id: string) => call<SignatureBeside[]>('hash_sign_save_beside', { id }),
};
