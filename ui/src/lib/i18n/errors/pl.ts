import type { AreaCatalog } from '../types';
import type { en } from './en';

export const pl: AreaCatalog<typeof en> = {
  'error.unknown': 'Nieoczekiwany błąd.',
  'error.store.no_data_dir':
    'Stacja nie ma katalogu danych. Ustaw ONESHOT_STATION_DATA_DIR i uruchom ją ponownie.',
  'error.store.data_dir': 'Stacja nie może użyć swojego katalogu danych.',
  'error.store.database': 'Baza danych stacji zgłosiła błąd.',
  'error.store.migration': 'Nie udało się zaktualizować bazy danych stacji do tej wersji.',
  'error.store.corrupt': 'Baza danych zawiera dane, których ta wersja nie potrafi odczytać.',
  'error.connection.invalid_url':
    'Adres URL Optimizera jest nieprawidłowy. Użyj postaci https://optimizer.przyklad:8443.',
  'error.connection.incomplete_client_identity':
    'Certyfikat klienta wymaga klucza prywatnego, a klucz prywatny certyfikatu.',
  'error.connection.unreadable_file': 'Nie można odczytać pliku certyfikatu lub klucza.',
  'error.connection.invalid_tls_material':
    'Certyfikat CA, certyfikat klienta lub klucz nie jest poprawnym plikiem PEM.',
  'error.sandbox.start_failed': 'Nie udało się uruchomić wbudowanego sandboxa.',
  'error.optimizer.unreachable':
    'Nie można połączyć się z Optimizerem. Sprawdź adres URL, sieć i certyfikaty.',
  'error.optimizer.timeout': 'Optimizer nie odpowiedział na czas.',
  'error.optimizer.connection_lost': 'Połączenie z Optimizerem zostało przerwane.',
  'error.optimizer.forbidden': 'Optimizer odmówił wykonania żądania.',
  'error.optimizer.not_found': 'Optimizer nie zna żądanego zasobu.',
  'error.optimizer.server_error': 'Optimizer zgłosił błąd podczas odpowiedzi.',
  'error.optimizer.rejected': 'Optimizer odrzucił żądanie.',
  'error.optimizer.bad_answer': 'Optimizer wysłał odpowiedź, której stacja nie potrafi odczytać.',
  'error.optimizer.invalid_input': 'Żądanie nie zostało wysłane: część danych jest nieprawidłowa.',
  'error.optimizer.file': 'Nie udało się odczytać lub zapisać pliku lokalnego.',
  'error.optimizer.failed': 'Wywołanie Optimizera nie powiodło się.',
  'error.input.required': 'Wymagane pole jest puste.',
  'error.signin.unknown_token': 'Optimizer nie zna tego tokena.',
  'error.signin.invalid_credentials':
    'Optimizer odrzucił tę nazwę użytkownika, hasło lub PIN.',
  'error.signin.required': 'Najpierw zaloguj się jako operator.',
  'error.vault.keyring': 'Systemowy pęk kluczy zgłosił błąd.',
  'error.internal.task': 'Wewnętrzne zadanie stacji nie powiodło się.',
  'error.ui.unexpected': 'Stacja odpowiedziała w nieoczekiwany sposób.',
  'error.ui.dialog': 'Nie udało się wybrać pliku.',
};
