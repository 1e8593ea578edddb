import { describe, expect, it } from 'vitest';

import { ERROR_CODES } from '../generated/bindings';
import { LOCALES, catalogs, placeholders } from './catalogs';

const reference = Object.keys(catalogs.en).sort();

describe('catalogs', () => {
  it.each(LOCALES)('%s has exactly the keys of every other catalog', (locale) => {
    const keys = Object.keys(catalogs[locale]).sort();
    const missing = reference.filter((key) => !keys.includes(key));
    const extra = keys.filter((key) => !reference.includes(key));
    expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
  });

  it.each(LOCALES)('%s has no empty message', (locale) => {
    const empty = Object.entries(catalogs[locale])
      .filter(([, message]) => message.trim() === '')
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(LOCALES)('%s uses the same placeholders as English', (locale) => {
    const messages: Record<string, string | undefined> = catalogs[locale];
    const english: Record<string, string> = catalogs.en;
    const mismatched = reference.filter(
      (key) =>
        messages[key] !== undefined &&
        placeholders(messages[key]).join() !== placeholders(english[key] ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('has a message for every error code the backend can answer', () => {
    const missing = ERROR_CODES.filter((code) => !reference.includes(`error.${code}`));
    expect(missing).toEqual([]);
  });
});
