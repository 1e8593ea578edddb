import type { AreaCatalog } from '../types';
import type { en } from './en';

export const pl: AreaCatalog<typeof en> = {
  'app.title': 'One-Shot Station',
  'app.sandboxBanner':
    'Wbudowany sandbox: wyłącznie dane testowe. Złożone tu podpisy nie mają mocy prawnej.',
  'app.skipToContent': 'Przejdź do treści',

  'nav.label': 'Sekcje',
  'nav.sign': 'Podpis',
  'nav.hashSign': 'Podpis skrótu',
  'nav.videoId': 'Kolejka Video ID',
  'nav.admin': 'Administracja',
  'nav.audit': 'Audyt',
  'nav.connection': 'Połączenie',

  'language.label': 'Język',
  'language.es': 'Español',
  'language.en': 'English',
  'language.pl': 'Polski',

  'later.title': '{screen}: dostępne w jednym z kolejnych wydań',
  'later.body':
    'Ta część stacji jest jeszcze w budowie, więc nie ma tu jeszcze nic do pokazania. Połączenie i Administracja już działają.',
  'later.goToConnection': 'Przejdź do ekranu Połączenie',

  'errorBanner.code': 'Kod',
  'errorBanner.dismiss': 'Zamknij',

  'confirm.cancel': 'Anuluj',
};
