import type { AreaCatalog } from '../types';
import type { en } from './en';

export const pl: AreaCatalog<typeof en> = {
  'hashSign.title': 'Podpis skrótu',
  'hashSign.files.heading': 'Pliki do podpisu',
  'hashSign.files.intro':
    'Można podpisać dowolny plik: do Optimizera trafia tylko jego SHA-256, obliczony tutaj. Podpis (.p7m) zostaje zapisany obok każdego pliku po weryfikacji.',
  'hashSign.files.add': 'Dodaj pliki…',
  'hashSign.files.pathLabel': 'Ścieżka pliku do dodania',
  'hashSign.files.empty': 'Brak plików.',
  'hashSign.files.file': 'Plik',
  'hashSign.files.size': 'Rozmiar',
  'hashSign.files.hashing': 'Obliczanie SHA-256: {done} z {total} plików',
  'hashSign.files.hashingLabel': 'Postęp SHA-256',
  'hashSign.missing.files': 'Dodaj co najmniej jeden plik do podpisu.',
};
