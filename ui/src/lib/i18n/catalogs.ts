import { en, type Catalog, type MessageKey } from './en';
import { es } from './es';
import { pl } from './pl';

export type { Catalog, MessageKey };

/** The languages of the station, in the order the language switch lists them. */
export const LOCALES = ['es', 'en', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];

/** Used when the OS language is none of ours. */
export const FALLBACK_LOCALE: Locale = 'en';

export const catalogs: Readonly<Record<Locale, Catalog>> = { es, en, pl };

export type MessageParams = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

/** The first of the OS's preferred languages that the station speaks (`es-AR` → `es`). */
export function detectLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return FALLBACK_LOCALE;
}

/** Replaces each `{name}` with its parameter; an unknown placeholder stays visible. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return format(catalogs[locale][key], params);
}

/** The `{name}` placeholders of a message, sorted, for the catalog checks. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}
