import { describe, expect, it } from 'vitest';

import {
  DEFAULT_QUERY,
  ageParts,
  ageSeconds,
  folded,
  localDay,
  queueView,
  statusChoices,
  visibleWindow,
  type QueueQuery,
  type QueueRow,
} from './queue';

const row = (pk: number, status: string, signer: string, createdAt: string, ra: string | null = null): QueueRow => ({
  request: `r${String(pk).padStart(6, '0')}`,
  optimizerPk: pk,
  status,
  signer,
  registrationAuthority: ra,
  createdAt,
});

const ROWS: QueueRow[] = [
  row(11, 'VIDEOPENDING', 'Ana Muñoz García', '2026-03-01T09:00:00Z', '1000'),
  row(12, 'VIDEOREVIEW', 'Jan Kowalski', '2026-03-02T10:00:00Z', '2000'),
  row(13, 'VIDEOREVIEW', 'Zoe Baker', '2026-02-27T08:00:00Z', '1000'),
  row(14, 'VIDEOERROR', 'bob@example.com', '2026-03-03T12:00:00Z'),
];

const query = (change: Partial<QueueQuery>): QueueQuery => ({ ...DEFAULT_QUERY, ...change });
const pks = (rows: readonly QueueRow[]) => rows.map((r) => r.optimizerPk);

describe('Video ID queue view', () => {
  it('starts with everything, the longest-waiting first', () => {
    expect(pks(queueView(ROWS, DEFAULT_QUERY))).toEqual([13, 11, 12, 14]);
  });

  it('filters by status', () => {
    expect(pks(queueView(ROWS, query({ status: 'VIDEOREVIEW' })))).toEqual([13, 12]);
    expect(queueView(ROWS, query({ status: 'ENROLLREADY' }))).toEqual([]);
  });

  it('filters by creation day, both ends inclusive', () => {
    expect(pks(queueView(ROWS, query({ from: '2026-03-01', to: '2026-03-02' })))).toEqual([11, 12]);
    expect(pks(queueView(ROWS, query({ from: '2026-03-03' })))).toEqual([14]);
    expect(pks(queueView(ROWS, query({ to: '2026-02-28' })))).toEqual([13]);
  });

  it('searches signer, RA, request number and status without case or accents', () => {
    expect(pks(queueView(ROWS, query({ search: 'munoz' })))).toEqual([11]);
    expect(pks(queueView(ROWS, query({ search: '  KOWAL ' })))).toEqual([12]);
    expect(pks(queueView(ROWS, query({ search: '2000' })))).toEqual([12]);
    expect(pks(queueView(ROWS, query({ search: '14' })))).toEqual([14]);
    expect(pks(queueView(ROWS, query({ search: 'error' })))).toEqual([14]);
  });

  it('sorts by each column both ways', () => {
    expect(pks(queueView(ROWS, query({ sort: 'signer', direction: 'asc' })))).toEqual([11, 14, 12, 13]);
    expect(pks(queueView(ROWS, query({ sort: 'signer', direction: 'desc' })))).toEqual([13, 12, 14, 11]);
    expect(pks(queueView(ROWS, query({ sort: 'pk', direction: 'desc' })))).toEqual([14, 13, 12, 11]);
    expect(pks(queueView(ROWS, query({ sort: 'age', direction: 'asc' })))).toEqual([14, 12, 11, 13]);
    // Equal statuses keep the longest-waiting first.
    expect(pks(queueView(ROWS, query({ sort: 'status', direction: 'asc' })))).toEqual([14, 11, 13, 12]);
    // No RA sorts first going up.
    expect(pks(queueView(ROWS, query({ sort: 'ra', direction: 'asc' })))).toEqual([14, 13, 11, 12]);
  });

  it('never changes the entries it was given', () => {
    const before = JSON.stringify(ROWS);
    queueView(ROWS, query({ sort: 'signer' }));
    expect(JSON.stringify(ROWS)).toBe(before);
  });

  it('filters, searches and sorts 10,000 rows correctly', () => {
    const statuses = ['VIDEOPENDING', 'VIDEOREVIEW', 'VIDEOINCOMPLETE', 'VIDEOERROR'];
    const start = Date.UTC(2026, 0, 1);
    const big: QueueRow[] = Array.from({ length: 10_000 }, (_, i) =>
      row(
        100_000 + i,
        statuses[i % 4] ?? 'VIDEOPENDING',
        `Signer ${String(i).padStart(5, '0')}${i % 10 === 7 ? ' Ñandú' : ''}`,
        // One request an hour, shuffled so input order says nothing.
        new Date(start + ((i * 7919) % 10_000) * 3_600_000).toISOString(),
        i % 3 === 0 ? '1000' : '2000',
      ),
    );
    const result = queueView(big, query({ status: 'VIDEOREVIEW', search: 'nandu', sort: 'age', direction: 'desc' }));
    const expected = big.filter((r) => r.status === 'VIDEOREVIEW' && r.signer.includes('Ñandú'));
    // i % 4 === 1 and i % 10 === 7: i ≡ 17 (mod 20), 500 rows.
    expect(result).toHaveLength(500);
    expect(new Set(result)).toEqual(new Set(expected));
    for (let i = 1; i < result.length; i += 1) {
      expect(Date.parse(result[i - 1]!.createdAt)).toBeLessThanOrEqual(Date.parse(result[i]!.createdAt));
    }

    const everything = queueView(big, query({ sort: 'pk', direction: 'asc' }));
    expect(pks(everything)).toEqual(big.map((r) => r.optimizerPk));

    const firstDay = localDay(new Date(start).toISOString());
    const ofFirstDay = queueView(big, query({ from: firstDay, to: firstDay }));
    expect(ofFirstDay.every((r) => localDay(r.createdAt) === firstDay)).toBe(true);
    expect(ofFirstDay.length).toBe(big.filter((r) => localDay(r.createdAt) === firstDay).length);
  });

  it('offers the known statuses first, then any other present', () => {
    expect(statusChoices([...ROWS, row(15, 'ZZZ', 'x', '2026-03-01T00:00:00Z')])).toEqual([
      'VIDEOPENDING',
      'VIDEOREVIEW',
      'VIDEOINCOMPLETE',
      'VIDEOERROR',
      'ZZZ',
    ]);
  });
});

describe('ages and helpers', () => {
  it('measures ages from creation, never negative', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(ageSeconds('2026-03-01T09:58:30Z', now)).toBe(90);
    expect(ageSeconds('2026-03-01T10:00:05Z', now)).toBe(0);
    expect(ageSeconds('not a date', now)).toBe(0);
  });

  it('shows the largest unit and the next one when not zero', () => {
    expect(ageParts(0)).toEqual([{ value: 0, unit: 's' }]);
    expect(ageParts(42)).toEqual([{ value: 42, unit: 's' }]);
    expect(ageParts(90)).toEqual([{ value: 1, unit: 'min' }, { value: 30, unit: 's' }]);
    expect(ageParts(3_600)).toEqual([{ value: 1, unit: 'h' }]);
    expect(ageParts(2 * 86_400 + 3 * 3_600 + 59)).toEqual([
      { value: 2, unit: 'd' },
      { value: 3, unit: 'h' },
    ]);
  });

  it('folds case and accents', () => {
    expect(folded('ŁÓDŹ Muñoz')).toBe('lodz munoz');
    expect(folded('Øster Straße Æsir')).toBe('oster strasse aesir');
  });

  it('finds and sorts letters without a separable accent among their plain letters', () => {
    const rows = [
      row(21, 'VIDEOREVIEW', 'Łukasz Nowak', '2026-03-01T09:00:00Z'),
      row(22, 'VIDEOREVIEW', 'Marta Lis', '2026-03-01T10:00:00Z'),
      row(23, 'VIDEOREVIEW', 'Kasia Zając', '2026-03-01T11:00:00Z'),
    ];
    expect(pks(queueView(rows, query({ search: 'lukasz' })))).toEqual([21]);
    expect(pks(queueView(rows, query({ sort: 'signer', direction: 'asc' })))).toEqual([23, 21, 22]);
  });

  it('renders only the rows in view plus a margin', () => {
    expect(visibleWindow(10_000, 0, 400, 40)).toEqual({ start: 0, end: 18 });
    expect(visibleWindow(10_000, 40_000, 400, 40)).toEqual({ start: 992, end: 1018 });
    expect(visibleWindow(10_000, 399_600, 400, 40)).toEqual({ start: 9982, end: 10_000 });
    expect(visibleWindow(3, 0, 400, 40)).toEqual({ start: 0, end: 3 });
    expect(visibleWindow(0, 0, 400, 40)).toEqual({ start: 0, end: 0 });
    // Scrolled far down, then filtered to one row: that row still shows.
    expect(visibleWindow(1, 40_000, 400, 40)).toEqual({ start: 0, end: 1 });
  });
});
