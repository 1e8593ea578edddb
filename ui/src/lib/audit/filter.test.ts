import { describe, expect, it } from 'vitest';

import { ALL_ENTRIES, auditView, exportFileName, type AuditRow } from './filter';

const entry = (seq: number, action: string, outcome: string, details: string | null, pk: number | null = null): AuditRow => ({
  seq,
  officer: seq % 2 ? '1125824' : '7700001',
  action,
  request: `req${seq}`,
  optimizerPk: pk,
  outcome,
  details,
});

const ENTRIES = [
  entry(1, 'create', 'succeeded', null, 41),
  entry(2, 'approve', 'failed', 'optimizer.precondition: not in review', 41),
  entry(3, 'approve', 'succeeded', 'approved', 41),
  entry(4, 'refuse', 'succeeded', 'Blurred document', 42),
];

describe('audit view', () => {
  it('shows everything, newest first', () => {
    expect(auditView(ENTRIES, ALL_ENTRIES).map((e) => e.seq)).toEqual([4, 3, 2, 1]);
  });

  it('filters by action and outcome', () => {
    expect(auditView(ENTRIES, { ...ALL_ENTRIES, action: 'approve' }).map((e) => e.seq)).toEqual([3, 2]);
    expect(
      auditView(ENTRIES, { ...ALL_ENTRIES, action: 'approve', outcome: 'failed' }).map((e) => e.seq),
    ).toEqual([2]);
  });

  it('searches officer, request, pk and details', () => {
    const seqs = (search: string) => auditView(ENTRIES, { ...ALL_ENTRIES, search }).map((e) => e.seq);
    expect(seqs('blurred')).toEqual([4]);
    expect(seqs('42')).toEqual([4]);
    expect(seqs('7700001')).toEqual([4, 2]);
    expect(seqs('req3')).toEqual([3]);
  });

  it('suggests a dated file name', () => {
    expect(exportFileName('csv', new Date(2026, 2, 7, 23, 59))).toBe('audit-2026-03-07.csv');
  });
});
