// The audit commands of the fake backend: a trail kept in memory, its verification
// result and the exports the UI asked for.
import type {
  AppError,
  AuditAction,
  AuditEntry,
  AuditExportFormat,
  AuditOutcome,
  AuditVerification,
} from '../../src/lib/generated/bindings';

const HASH = (n: number) => n.toString(16).padStart(64, '0');

export function auditEntry(
  seq: number,
  action: AuditAction,
  outcome: AuditOutcome = 'succeeded',
  details: string | null = null,
  optimizerPk: number | null = 41,
): AuditEntry {
  return {
    seq,
    at: `2026-03-01T09:${String(seq % 60).padStart(2, '0')}:00.000000Z`,
    officer: '1125824',
    action,
    request: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    optimizerPk,
    digestsBefore: [],
    digestsAfter:
      action === 'backup' ? [{ name: 'contract.pdf', sha256: 'ab'.repeat(32) }] : [],
    outcome,
    details,
    prevHash: HASH(seq - 1),
    hash: HASH(seq),
  };
}

export class FakeAudit {
  entries: AuditEntry[] = [
    auditEntry(1, 'create'),
    auditEntry(2, 'approve', 'failed', 'optimizer.precondition_failed: not in review'),
    auditEntry(3, 'approve', 'succeeded', 'approved'),
    auditEntry(4, 'refuse', 'succeeded', 'Blurred document', 42),
    auditEntry(5, 'backup'),
  ];
  verification: AuditVerification = { valid: true, entries: 5, problems: [] };
  exports: { format: AuditExportFormat; path: string }[] = [];
  /** What the save dialog answers; `null` as when the officer closes it. */
  saveAnswer: string | null = '/home/officer/audit.json';
  failures: Record<string, AppError> = {};

  handle(command: string, payload: unknown): unknown {
    const failure = this.failures[command];
    if (failure) throw failure;
    const args = (payload ?? {}) as Record<string, unknown>;
    switch (command) {
      case 'audit_entries':
        return this.entries;
      case 'audit_verify':
        return this.verification;
      case 'audit_export':
        this.exports.push({ format: args.format as AuditExportFormat, path: String(args.path) });
        return null;
      case 'plugin:dialog|save':
        return this.saveAnswer;
      default:
        return undefined;
    }
  }
}
