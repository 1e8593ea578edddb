import { describe, expect, it } from 'vitest';

import { detectLocale, format, translate } from './catalogs';
import { I18n, LOCALE_STORAGE_KEY, type LocaleStorage } from './store.svelte';

function memoryStorage(initial: Record<string, string> = {}): LocaleStorage & {
  data: Record<string, string>;
} {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('detectLocale', () => {
  it('takes the first OS language the station speaks', () => {
    expect(detectLocale(['pl-PL', 'en-US'])).toBe('pl');
    expect(detectLocale(['de-DE', 'es_ES'])).toBe('es');
    expect(detectLocale(['EN-gb'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(detectLocale(['de-DE', 'fr'])).toBe('en');
    expect(detectLocale([])).toBe('en');
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('RAO {username} at {url}', { username: '1125824' })).toBe(
      'RAO 1125824 at {url}',
    );
  });
});

describe('I18n store', () => {
  it('starts from the OS language when nothing was saved', () => {
    const i18n = new I18n(memoryStorage(), ['es-AR']);
    expect(i18n.locale).toBe('es');
    expect(i18n.t('nav.connection')).toBe('Conexión');
  });

  it('prefers the saved choice over the OS language', () => {
    const i18n = new I18n(memoryStorage({ [LOCALE_STORAGE_KEY]: 'pl' }), ['es-ES']);
    expect(i18n.t('nav.connection')).toBe('Połączenie');
  });

  it('ignores a saved value that is not a locale', () => {
    const i18n = new I18n(memoryStorage({ [LOCALE_STORAGE_KEY]: 'xx' }), ['pl']);
    expect(i18n.locale).toBe('pl');
  });

  it('switches language, translates with parameters and saves the choice', () => {
    const storage = memoryStorage();
    const i18n = new I18n(storage, ['en']);
    i18n.setLocale('es');
    expect(i18n.t('signin.status.signedInToken', { username: '1125824' })).toBe(
      translate('es', 'signin.status.signedInToken', { username: '1125824' }),
    );
    expect(i18n.t('signin.status.signedInToken', { username: '1125824' })).toContain('1125824');
    expect(storage.data[LOCALE_STORAGE_KEY]).toBe('es');
  });

  it('still switches when the storage refuses to save', () => {
    const broken: LocaleStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    const i18n = new I18n(broken, ['pl']);
    expect(i18n.locale).toBe('pl');
    i18n.setLocale('en');
    expect(i18n.t('nav.connection')).toBe('Connection');
  });

  it('works with no storage at all', () => {
    const i18n = new I18n(null, []);
    expect(i18n.locale).toBe('en');
  });
});
