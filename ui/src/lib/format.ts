// Numbers and dates in the officer's language.
import type { Locale } from './i18n/catalogs';

/** Language tags with the region whose conventions the station follows. */
const TAGS: Readonly<Record<Locale, string>> = { es: 'es-ES', en: 'en-GB', pl: 'pl-PL' };

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(TAGS[locale]).format(value);
}

export function formatDateTime(locale: Locale, value: Date): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'medium' }).format(
    value,
  );
}
