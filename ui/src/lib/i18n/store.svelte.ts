import {
  FALLBACK_LOCALE,
  detectLocale,
  isLocale,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
} from './catalogs';

/** Where the officer's language choice is kept between runs. */
export interface LocaleStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const LOCALE_STORAGE_KEY = 'oneshot-station.locale';

/**
 * The language of the UI: the officer's saved choice, else the OS language, else English.
 * Reading `t` inside a component re-renders it when the language changes.
 */
export class I18n {
  locale: Locale = $state(FALLBACK_LOCALE);
  readonly #storage: LocaleStorage | null;

  constructor(storage: LocaleStorage | null, preferred: readonly string[]) {
    this.#storage = storage;
    const saved = safeRead(storage);
    this.locale = isLocale(saved) ? saved : detectLocale(preferred);
  }

  /** The message for `key` in the current language, with `{name}` placeholders filled. */
  t = (key: MessageKey, params?: MessageParams): string => translate(this.locale, key, params);

  /** Switches the language and remembers the choice. */
  setLocale(locale: Locale): void {
    this.locale = locale;
    try {
      this.#storage?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // A full or blocked storage only costs the remembered choice, never the switch.
    }
  }
}

function safeRead(storage: LocaleStorage | null): string | null {
  try {
    return storage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function browserStorage(): LocaleStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The UI's one language store. */
export const i18n = new I18n(browserStorage(), browserLanguages());
