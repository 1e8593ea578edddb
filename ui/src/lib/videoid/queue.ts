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

// Letters that carry no separable accent, so NFD leaves them whole: written out as the
// plain letters an officer types when searching ("lukasz" finds "Łukasz").
const PLAIN_LETTERS: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th',
};

/** Lower case without accents, so "Muñoz" is found by "munoz" and "Łukasz" by "lukasz". */
export function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđħıŀßæœþ]/g, (letter) => PLAIN_LETTERS[letter] ?? letter);
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
  readonly created: number;
  /** The sort column's text and its folded form. */
  readonly text: string;
  readonly key: string;
}

// One collator for the rare comparisons that need one: `localeCompare` with options builds
// a new collator per call, which made sorting 10,000 rows cost a tenth of a second.
const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
const requestOrder = new Intl.Collator(undefined);

// The queue is read again from the backend on every change, as new objects with mostly the
// same values; what is derived from a value (its folded text, its day) is derived once.
// Bounded so a station left open for days does not grow: cleared when it gets large.
const CACHE_LIMIT = 100_000;
const foldedCache = new Map<string, string>();
const timeCache = new Map<string, { day: string | null; created: number }>();

function cached<V>(cache: Map<string, V>, key: string, make: (key: string) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    value = make(key);
    cache.set(key, value);
  }
  return value;
}

function timeOf(createdAt: string): { day: string | null; created: number } {
  return cached(timeCache, createdAt, (text) => {
    const created = Date.parse(text);
    return { day: localDay(text), created: Number.isNaN(created) ? 0 : created };
  });
}

/** Whether the row's signer, RA, request number or status holds the folded `needle`. */
function matches(row: QueueRow, needle: string): boolean {
  return (
    cached(foldedCache, row.signer, folded).includes(needle) ||
    cached(foldedCache, row.registrationAuthority ?? '', folded).includes(needle) ||
    String(row.optimizerPk).includes(needle) ||
    cached(foldedCache, row.status, folded).includes(needle)
  );
}

/** The text a column sorts by; `null` for the numeric columns. */
function sortText(key: QueueSortKey): ((row: QueueRow) => string) | null {
  switch (key) {
    case 'status':
      return (row) => row.status;
    case 'signer':
      return (row) => row.signer;
    case 'ra':
      return (row) => row.registrationAuthority ?? '';
    case 'age':
    case 'pk':
      return null;
  }
}

/**
 * Orders by the column's folded text, as the officer reads it: folded keys compare as plain
 * strings, a hundred times faster than a collator, so 10,000 rows sort within a frame. Only
 * texts that fold alike ("Pérez" and "Perez") ask the collator, for a stable order.
 */
function byColumn<T extends QueueRow>(key: QueueSortKey): (a: Prepared<T>, b: Prepared<T>) => number {
  switch (key) {
    // Older is larger: "age descending" puts the longest-waiting request first.
    case 'age':
      return (a, b) => b.created - a.created;
    case 'pk':
      return (a, b) => a.row.optimizerPk - b.row.optimizerPk;
    default:
      return (a, b) => {
        if (a.key !== b.key) return a.key < b.key ? -1 : 1;
        return a.text === b.text ? 0 : collator.compare(a.text, b.text);
      };
  }
}

/** The entries `query` selects, in its order. Ties keep the longest-waiting first. */
export function queueView<T extends QueueRow>(entries: readonly T[], query: QueueQuery): T[] {
  const needle = folded(query.search.trim());
  const column = sortText(query.sort);
  const prepared: Prepared<T>[] = [];
  for (const row of entries) {
    if (query.status !== null && row.status !== query.status) continue;
    const { day, created } = timeOf(row.createdAt);
    if (query.from && (day === null || day < query.from)) continue;
    if (query.to && (day === null || day > query.to)) continue;
    if (needle && !matches(row, needle)) continue;
    const text = column ? column(row) : '';
    const key = column ? cached(foldedCache, text, folded) : '';
    prepared.push({ row, created, text, key });
  }
  const primary = byColumn<T>(query.sort);
  const sign = query.direction === 'asc' ? 1 : -1;
  prepared.sort(
    (a, b) =>
      sign * primary(a, b) ||
      a.created - b.created ||
      requestOrder.compare(a.row.request, b.row.request),
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
