import { describe, expect, it } from 'vitest';

import * as bindings from '../generated/bindings';
import { AREAS } from './areas';
import { LOCALES, catalogs, placeholders } from './catalogs';

const reference = Object.keys(catalogs.en).sort();

/**
 * Each list of codes the backend exports (`*_CODES` in the generated bindings) and the
 * catalog prefix of its messages: a code without a message in every language fails,
 * and so does a new list nobody has mapped here yet.
 */
const CODE_MESSAGES: Readonly<Record<string, string>> = {
  ERROR_CODES: 'error.',
  IDENTITY_ISSUE_CODES: 'issue.',
  ID_IMAGE_HINT_CODES: 'hint.',
};

const exportedCodeLists: [string, readonly string[]][] = Object.entries(
  bindings as Record<string, unknown>,
).flatMap(([name, value]) =>
  name.endsWith('_CODES') && Array.isArray(value) ? [[name, value.map(String)]] : [],
);

describe('catalogs', () => {
  it.each(LOCALES)('%s has exactly the keys of every other catalog', (locale) => {
    const keys = Object.keys(catalogs[locale]).sort();
    const missing = reference.filter((key) => !keys.includes(key));
    const extra = keys.filter((key) => !reference.includes(key));
    expect({ locale, missing, extra }).toEqual({ locale, missing: [], extra: [] });
  });

  it.each(Object.entries(AREAS))('area %s has the same keys in every language', (_, area) => {
    const english = Object.keys(area.en).sort();
    for (const locale of LOCALES) {
      expect({ locale, keys: Object.keys(area[locale]).sort() }).toEqual({
        locale,
        keys: english,
      });
    }
  });

  it('defines each key in one area only', () => {
    const owners = new Map<string, string[]>();
    for (const [name, area] of Object.entries(AREAS)) {
      for (const key of Object.keys(area.en)) owners.set(key, [...(owners.get(key) ?? []), name]);
    }
    const shared = [...owners].filter(([, areas]) => areas.length > 1);
    expect(shared).toEqual([]);
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

  it('reads the error codes from the generated bindings', () => {
    expect(exportedCodeLists.map(([name]) => name)).toContain('ERROR_CODES');
  });

  it.each(exportedCodeLists)('has a message for every code of %s', (name, codes) => {
    const prefix = CODE_MESSAGES[name];
    expect(prefix, `map ${name} to its catalog prefix in CODE_MESSAGES`).toBeDefined();
    const missing = codes.filter((code) => !reference.includes(`${prefix}${code}`));
    expect(missing).toEqual([]);
  });
});
