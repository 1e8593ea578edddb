// Telling the officer when a Video ID becomes ready for review: which entries just
// reached VIDEOREVIEW. (The webview denies web notifications; a desktop notification
// needs the Tauri notification plugin.)

export const REVIEW_STATUS = 'VIDEOREVIEW';

interface Entry {
  readonly request: string;
  readonly status: string;
}

/**
 * The entries of `next` in review that were not in review in `previous`. With no
 * previous reading (the screen just opened) nothing is new: the officer sees the queue.
 */
export function newlyInReview<T extends Entry>(previous: readonly Entry[] | null, next: readonly T[]): T[] {
  if (previous === null) return [];
  const before = new Set(previous.filter((e) => e.status === REVIEW_STATUS).map((e) => e.request));
  return next.filter((entry) => entry.status === REVIEW_STATUS && !before.has(entry.request));
}
