import { describe, expect, it } from 'vitest';

import { requestNumber } from './request-number';

describe('requestNumber', () => {
  it('reads a request number', () => {
    expect(requestNumber(' 42 ')).toBe(42);
    expect(requestNumber('0')).toBe(0);
  });

  it('refuses anything else', () => {
    expect(requestNumber('')).toBeNull();
    expect(requestNumber('4 2')).toBeNull();
    expect(requestNumber('-1')).toBeNull();
    expect(requestNumber('1e3')).toBeNull();
    expect(requestNumber('1234567890123456')).toBeNull();
  });
});
