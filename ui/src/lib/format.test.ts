import { describe, expect, it } from 'vitest';

import { formatDateTime, formatNumber } from './format';

describe('format', () => {
  it('groups digits the way each language does', () => {
    expect(formatNumber('en', 12345.5)).toBe('12,345.5');
    expect(formatNumber('es', 12345.5)).toBe('12.345,5');
    // Polish groups with a (narrow) no-break space.
    expect(formatNumber('pl', 12345.5).replace(/\s/g, ' ')).toBe('12 345,5');
  });

  it('writes dates per language', () => {
    const date = new Date(Date.UTC(2025, 2, 7, 9, 5, 0));
    expect(formatDateTime('en', date)).toContain('2025');
    expect(formatDateTime('es', date)).toMatch(/mar/);
    expect(formatDateTime('pl', date)).toMatch(/mar/);
  });
});
