// Which audit entries the table shows: by action, outcome and a search text, newest first.

/** The fields of an audit entry this module reads (AuditEntry has them all). */
export interface AuditRow {
  readonly seq: number;
  readonly officer: string;
  readonly action: string;
  readonly request: string | null;
  readonly optimizerPk: number | null;
  readonly outcome: string;
  readonly details: string | null;
}

export interface AuditQuery {
  /** Only this action; `null` for all. */
  readonly action: string | null;
  /** Only this outcome; `null` for both. */
  readonly outcome: string | null;
  /** Matches officer, request id, Optimizer pk and details, case-insensitively. */
  readonly search: string;
}

export const ALL_ENTRIES: AuditQuery = { action: null, outcome: null, search: '' };

/** The entries `query` selects, the newest (highest number) first. */
export function auditView<T extends AuditRow>(entries: readonly T[], query: AuditQuery): T[] {
  const needle = query.search.trim().toLowerCase();
  return entries
    .filter(
      (entry) =>
        (query.action === null || entry.action === query.action) &&
        (query.outcome === null || entry.outcome === query.outcome) &&
        (needle === '' ||
          [entry.officer, entry.request ?? '', String(entry.optimizerPk ?? ''), entry.details ?? '']
            .join('\u0000')
            .toLowerCase()
            .includes(needle)),
    )
    .sort((a, b) => b.seq - a.seq);
}

/** `audit-2026-03-01.json`: the save dialog's suggestion, dated in local time. */
export function exportFileName(format: 'json' | 'csv', now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `audit-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.${format}`;
}
