import { describe, expect, it } from 'vitest';

import { newlyInReview } from './live';

describe('requests reaching review', () => {
  it('finds the entries that just reached VIDEOREVIEW', () => {
    const before = [
      { request: 'a', status: 'VIDEOPENDING' },
      { request: 'b', status: 'VIDEOREVIEW' },
    ];
    const after = [
      { request: 'a', status: 'VIDEOREVIEW' },
      { request: 'b', status: 'VIDEOREVIEW' },
      { request: 'c', status: 'VIDEOREVIEW' },
      { request: 'd', status: 'VIDEOERROR' },
    ];
    expect(newlyInReview(before, after).map((e) => e.request)).toEqual(['a', 'c']);
  });

  it('announces nothing on the first reading', () => {
    expect(newlyInReview(null, [{ request: 'a', status: 'VIDEOREVIEW' }])).toEqual([]);
  });
});
