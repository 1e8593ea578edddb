// `cargo xtask bench --only video-id-queue`: what one live update of a 10,000-row Video ID
// queue costs the UI store: a request changes status (as a webhook or a poll reports), then
// the officer's current filter and sort are applied to the whole queue again. Several
// queries an officer really uses are measured in turn; the times go to the JSON file named
// by ONESHOT_BENCH_OUT for xtask to read. Run by `npm run bench:queue`, never by the tests.
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';

import { DEFAULT_QUERY, queueView, type QueueQuery, type QueueRow } from '../src/lib/videoid/queue';

const ROWS = Number(process.env.ONESHOT_BENCH_ROWS ?? 10_000);
const UPDATES = Number(process.env.ONESHOT_BENCH_UPDATES ?? 200);
const WARMUP = 30;

const GIVEN = ['María', 'José', 'Łukasz', 'Zofia', 'Ana', 'Jan', 'Núria', 'Piotr', 'Lucía', 'Óscar'];
const SURNAMES = ['García', 'Muñoz', 'Kowalski', 'Nowak', 'Pérez', 'Wiśniewska', 'López', 'Šimek'];
const STATUSES = ['VIDEOPENDING', 'VIDEOREVIEW', 'VIDEOINCOMPLETE', 'VIDEOERROR', 'ENROLLREADY'];

/** A deterministic pseudo-random sequence (mulberry32), so every run sees the same queue. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function queue(rows: number, next: () => number): QueueRow[] {
  const start = Date.UTC(2026, 5, 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: rows }, (_, index) => ({
    request: `req-${index.toString().padStart(6, '0')}`,
    optimizerPk: 10_000 + index,
    status: pick(STATUSES),
    signer: `${pick(GIVEN)} ${pick(SURNAMES)} ${pick(SURNAMES)}`,
    registrationAuthority: next() < 0.1 ? null : `RA ${1 + Math.floor(next() * 40)}`,
    createdAt: new Date(start + Math.floor(next() * 180 * 86_400_000)).toISOString(),
  }));
}

const QUERIES: Record<string, QueueQuery> = {
  'everything, longest waiting first': DEFAULT_QUERY,
  'in review, by signer': { ...DEFAULT_QUERY, status: 'VIDEOREVIEW', sort: 'signer', direction: 'asc' },
  'search "munoz", by RA': { ...DEFAULT_QUERY, search: 'munoz', sort: 'ra', direction: 'asc' },
  'one month, by status': { ...DEFAULT_QUERY, from: '2026-08-01', to: '2026-08-31', sort: 'status' },
};

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

it(`one live update of a ${ROWS}-row Video ID queue`, () => {
  const next = random(7);
  let entries = queue(ROWS, next);
  const perQuery: Record<string, { median_ms: number; p95_ms: number; shown: number }> = {};
  const all: number[] = [];
  for (const [name, query] of Object.entries(QUERIES)) {
    const times: number[] = [];
    let shown = 0;
    for (let update = 0; update < WARMUP + UPDATES; update++) {
      const index = Math.floor(next() * entries.length);
      // The screen reads the whole queue again after a change: new objects, one of them
      // changed. Making them is the IPC's work, not the store's, so it is not timed.
      entries = entries.map((row, at) =>
        at === index ? { ...row, status: STATUSES[update % STATUSES.length]! } : { ...row },
      );
      const started = performance.now();
      shown = queueView(entries, query).length;
      const took = performance.now() - started;
      if (update >= WARMUP) times.push(took);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    perQuery[name] = { median_ms: percentile(times, 50), p95_ms: percentile(times, 95), shown };
  }
  all.sort((a, b) => a - b);
  const result = {
    rows: ROWS,
    updates: UPDATES * Object.keys(QUERIES).length,
    median_ms: percentile(all, 50),
    p95_ms: percentile(all, 95),
    max_ms: all[all.length - 1],
    engine: `node ${process.version} (V8)`,
    queries: perQuery,
  };
  const out = process.env.ONESHOT_BENCH_OUT;
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
});
