import type { AreaCatalog } from '../types';
import type { en } from './en';

export const pl: AreaCatalog<typeof en> = {
  'audit.title': 'Dziennik audytu',
  'audit.refresh': 'Odśwież',
  'audit.loading': 'Wczytywanie…',
  'audit.empty': 'Dziennik jest pusty: na tym stanowisku nic jeszcze nie zrobiono.',
  'audit.count': '{shown} z {total} wpisów',
  'audit.more': 'Pokaż {count} więcej',
  'audit.entries.heading': 'Wpisy',

  'audit.filters.label': 'Filtruj dziennik',
  'audit.filters.search': 'Szukaj',
  'audit.filters.action': 'Czynność',
  'audit.filters.allActions': 'Wszystkie czynności',
  'audit.filters.outcome': 'Wynik',
  'audit.filters.allOutcomes': 'Wszystkie wyniki',

  'audit.column.seq': 'Nr',
  'audit.column.at': 'Kiedy',
  'audit.column.officer': 'Operator',
  'audit.column.action': 'Czynność',
  'audit.column.request': 'Wniosek',
  'audit.column.outcome': 'Wynik',
  'audit.column.details': 'Szczegóły',

  'audit.action.create': 'Utworzono wniosek',
  'audit.action.upload': 'Przesłano',
  'audit.action.contract_shown': 'Pokazano umowę',
  'audit.action.otp_sent': 'Wysłano kod',
  'audit.action.sign': 'Podpisano',
  'audit.action.approve': 'Zatwierdzono identyfikację',
  'audit.action.refuse': 'Odrzucono identyfikację',
  'audit.action.cancel': 'Anulowano',
  'audit.action.update': 'Poprawiono dane podpisującego',
  'audit.action.delete': 'Usunięto z Optimizera',
  'audit.action.backup': 'Zapisano kopię i sprawdzono',
  'audit.outcome.succeeded': 'Wykonano',
  'audit.outcome.failed': 'Nie powiodło się',

  'audit.verify.heading': 'Sprawdzenie łańcucha',
  'audit.verify.hint':
    'Każdy wpis zawiera skrót poprzedniego: sprawdzenie wykrywa każdy wpis zmieniony, usunięty lub przeniesiony.',
  'audit.verify.run': 'Sprawdź łańcuch',
  'audit.verify.running': 'Sprawdzanie…',
  'audit.verify.valid': 'Łańcuch jest nienaruszony: sprawdzono wpisy: {count}.',
  'audit.verify.invalid': 'Łańcuch jest naruszony: problemy: {problems}, wpisy: {count}.',
  'audit.problem.edited': 'Wpis {seq} zmieniono po zapisaniu.',
  'audit.problem.removed': 'Brakuje wpisów przed wpisem {seq}.',
  'audit.problem.reordered': 'Wpis {seq} został przeniesiony.',
  'audit.problem.truncated':
    'Brakuje najnowszych wpisów: dziennik kończy się na {present}, a nie na {recorded}.',

  'audit.export.heading': 'Eksport',
  'audit.export.hint':
    'JSON zachowuje skróty, więc łańcuch można sprawdzić ponownie; CSV otwiera się w arkuszu kalkulacyjnym.',
  'audit.export.json': 'Eksportuj jako JSON…',
  'audit.export.csv': 'Eksportuj jako CSV…',
  'audit.export.filter.json': 'Plik JSON',
  'audit.export.filter.csv': 'Plik CSV',
  'audit.export.saved': 'Zapisano w {path}',
};
