// What the Video ID queue table shows: the backend's entries filtered by status,
// creation day and a search text, then sorted. Plain functions over plain data, so
// 10,000 rows are filtered in one pass and the logic is unit-tested without a browser.

/** The fields of a queue entry this module reads (VideoIdQueueEntry has them all). */
export interface QueueRow {
  readonly request: string;
  readonly optimizerPk: number;
  readonly status: string;
  readonly signer: string;
  readonly registrationAuthority: string | null;
  readonly createdAt: string;
}

/** The Optimizer's Video ID statuses the filter offers; others are shown as they come. */
export const KNOWN_STATUSES = ['VIDEOPENDING', 'VIDEOREVIEW', 'VIDEOINCOMPLETE', 'VIDEOERROR'] as const;

export type QueueSortKey = 'age' | 'status' | 'signer' | 'ra' | 'pk';
export type SortDirection = 'asc' | 'desc';

export interface QueueQuery {
  /** Only this status; `null` for all. */
  readonly status: string | null;
  /** First creation day shown, `YYYY-MM-DD` in local time; `null` for no limit. */
  readonly from: string | null;
  /** Last creation day shown, inclusive. */
  readonly to: string | null;
  /** Matches signer, RA, request number and status, case- and accent-insensitively. */
  readonly search: string;
  readonly sort: QueueSortKey;
  readonly direction: SortDirection;
}

/** The queue as the officer first sees it: everything, the longest-waiting first. */
export const DEFAULT_QUERY: QueueQuery = {
  status: null,
  from: null,
  to: null,
  search: '',
  sort: 'age',
  direction: 'desc',
};

/** Lower case without accents, so "Muñoz" is found by "munoz". */
export function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The local calendar day of an RFC 3339 time, `YYYY-MM-DD`; `null` when unreadable. */
export function localDay(rfc3339: string): string | null {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole seconds from `createdAt` to `now`, never negative (clocks differ a little). */
export function ageSeconds(createdAt: string, now: number): number {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return 0;
  return Math.max(0, Math.floor((now - created) / 1000));
}

type AgeUnit = 'd' | 'h' | 'min' | 's';
const AGE_UNITS: readonly (readonly [AgeUnit, number])[] = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/** An age the way the queue shows it: the largest unit and the next when not zero (`2 d 3 h`). */
export function ageParts(seconds: number): { value: number; unit: AgeUnit }[] {
  const whole = Math.max(0, Math.floor(seconds));
  const index = AGE_UNITS.findIndex(([, size]) => whole >= size);
  const at = index === -1 ? AGE_UNITS.length - 1 : index;
  const [unit, size] = AGE_UNITS[at] ?? ['s', 1];
  const parts = [{ value: Math.floor(whole / size), unit }];
  const next = AGE_UNITS[at + 1];
  if (next) {
    const value = Math.floor((whole % size) / next[1]);
    if (value > 0) parts.push({ value, unit: next[0] });
  }
  return parts;
}

interface Prepared<T> {
  readonly row: T;
  readonly text: string;
  readonly day: string | null;
  readonly created: number;
}

function compare<T extends QueueRow>(key: QueueSortKey): (a: Prepared<T>, b: Prepared<T>) => number {
  const byText = (pick: (row: T) => string) => (a: Prepared<T>, b: Prepared<T>) =>
    pick(a.row).localeCompare(pick(b.row), undefined, { sensitivity: 'base' });
  switch (key) {
    // Older is larger: "age descending" puts the longest-waiting request first.
    case 'age':
      return (a, b) => b.created - a.created;
    case 'status':
      return byText((row) => row.status);
    case 'signer':
      return byText((row) => row.signer);
    case 'ra':
      return byText((row) => row.registrationAuthority ?? '');
    case 'pk':
      return (a, b) => a.row.optimizerPk - b.row.optimizerPk;
  }
}

/** The entries `query` selects, in its order. Ties keep the longest-waiting first. */
export function queueView<T extends QueueRow>(entries: readonly T[], query: QueueQuery): T[] {
  const needle = folded(query.search.trim());
  const prepared: Prepared<T>[] = [];
  for (const row of entries) {
    if (query.status !== null && row.status !== query.status) continue;
    const day = localDay(row.createdAt);
    if (query.from && (day === null || day < query.from)) continue;
    if (query.to && (day === null || day > query.to)) continue;
    const text = folded(
      `${row.signer}\u0000${row.registrationAuthority ?? ''}\u0000${row.optimizerPk}\u0000${row.status}`,
    );
    if (needle && !text.includes(needle)) continue;
    const created = Date.parse(row.createdAt);
    prepared.push({ row, text, day, created: Number.isNaN(created) ? 0 : created });
  }
  const primary = compare<T>(query.sort);
  const sign = query.direction === 'asc' ? 1 : -1;
  const oldestFirst = compare<T>('age');
  prepared.sort(
    (a, b) => sign * primary(a, b) || -oldestFirst(a, b) || a.row.request.localeCompare(b.row.request),
  );
  return prepared.map((item) => item.row);
}

/** Every status present in the entries, the known ones first, for the filter's choices. */
export function statusChoices(entries: readonly QueueRow[]): string[] {
  const present = new Set(entries.map((entry) => entry.status));
  const known: string[] = [...KNOWN_STATUSES];
  const others = [...present].filter((status) => !known.includes(status)).sort();
  return [...known, ...others];
}

/** The rows a scrolled window shows: a few beyond the edges so scrolling stays smooth. */
export function visibleWindow(
  total: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  overscan = 8,
): { start: number; end: number } {
  const count = Math.ceil(Math.max(0, viewportHeight) / rowHeight);
  // A scroll position left from a longer list (before a filter) still shows its end.
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), Math.max(0, total - count));
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end: Math.max(start, end) };
}
