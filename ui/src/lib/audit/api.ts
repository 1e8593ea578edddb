// The audit commands, typed with the declarations generated from the Rust types.
import type { AuditEntry, AuditExportFormat, AuditVerification } from '../generated/bindings';
import { call } from '../ipc';

export const auditApi = {
  entries: () => call<AuditEntry[]>('audit_entries'),
  verify: () => call<AuditVerification>('audit_verify'),
  export: (format: AuditExportFormat, path: string) => call<null>('audit_export', { format, path }),
};
