import { AREAS } from './areas';

/** The languages of the station, in the order the language switch lists them. */
export const LOCALES = ['es', 'en', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];

type Areas = (typeof AREAS)[keyof typeof AREAS];
// The English catalogs of all areas as one object type: its keys are every message key.
type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (
  whole: infer I,
) => void
  ? I
  : never;
type English = UnionToIntersection<Areas['en']>;

export type MessageKey = keyof English & string;
export type Catalog = { readonly [K in MessageKey]: string };

function merged(locale: Locale): Catalog {
  return Object.assign({}, ...Object.values(AREAS).map((area) => area[locale])) as Catalog;
}

/** Used when the OS language is none of ours. */
export const FALLBACK_LOCALE: Locale = 'en';

/** Each language's messages of every area, merged. */
export const catalogs: Readonly<Record<Locale, Catalog>> = {
  es: merged('es'),
  en: merged('en'),
  pl: merged('pl'),
};

export type MessageParams = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(catalogs.en, value);
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
