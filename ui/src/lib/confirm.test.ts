import { describe, expect, it } from 'vitest';

import { Confirmation } from './confirm.svelte';

const request = {
  title: 'admin.tokens.confirmDelete.title',
  body: 'admin.tokens.confirmDelete.body',
  accept: 'admin.tokens.confirmDelete.accept',
} as const;

describe('Confirmation', () => {
  it('resolves with the answer and closes', async () => {
    const confirmation = new Confirmation();
    const answer = confirmation.ask(request);
    expect(confirmation.pending?.title).toBe(request.title);
    confirmation.answer(true);
    expect(await answer).toBe(true);
    expect(confirmation.pending).toBeNull();
  });

  it('answers an open question no when another is asked', async () => {
    const confirmation = new Confirmation();
    const first = confirmation.ask(request);
    const second = confirmation.ask({ ...request, params: { hint: 'ab…cd' } });
    expect(await first).toBe(false);
    expect(confirmation.pending?.params).toEqual({ hint: 'ab…cd' });
    confirmation.answer(false);
    expect(await second).toBe(false);
  });

  it('ignores an answer with nothing asked', () => {
    const confirmation = new Confirmation();
    expect(() => confirmation.answer(true)).not.toThrow();
  });
});
