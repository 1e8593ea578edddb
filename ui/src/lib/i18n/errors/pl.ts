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
  'error.desktop.cannot_open':
    'Pulpit nie mógł otworzyć pliku: brak skonfigurowanej aplikacji. Zapisz kopię i otwórz ją z menedżera plików.',
  'error.signin.required': 'Najpierw zaloguj się jako operator.',
  'error.vault.keyring': 'Systemowy pęk kluczy zgłosił błąd.',
  'error.internal.task': 'Wewnętrzne zadanie stacji nie powiodło się.',
  'error.ui.unexpected': 'Stacja odpowiedziała w nieoczekiwany sposób.',
  'error.ui.dialog': 'Nie udało się wybrać pliku.',
  'error.admin.invalid_oid':
    'Nieprawidłowy OID. Wpisz go jako liczby oddzielone kropkami, np. 1.3.6.1.4.1.47289.100.2.9.',
  'error.admin.signature_image':
    'Nie można użyć obrazu podpisu: wybierz czytelny plik PNG lub JPEG.',
  'error.admin.token_protected':
    'Tego tokenu nie można usunąć: to token demonstracyjny sandboksa albo token używany przez Twoją sesję.',
  'error.sandbox_phone.not_sandbox':
    'Telefon sandboksa działa tylko z wbudowanym sandboksem. Wybierz go na ekranie Połączenie.',
  'error.sandbox_phone.failed':
    'Wbudowany sandboks odrzucił żądanie telefonu. Sprawdź numer wniosku i jego stan.',
  'error.ui.clipboard':
    'Nie udało się skopiować tekstu do schowka. Zaznacz go i skopiuj ręcznie.',
  'error.connection.tls_untrusted':
    'Certyfikat Optimizera wystawił urząd, któremu stacja nie ufa. Dodaj certyfikat prywatnego CA na ekranie Połączenie.',
  'error.connection.tls_expired':
    'Certyfikat Optimizera wygasł. Poproś jego administratora o odnowienie.',
  'error.connection.tls_not_yet_valid':
    'Certyfikat Optimizera nie jest jeszcze ważny. Sprawdź datę i godzinę tego komputera.',
  'error.connection.tls_wrong_host':
    'Certyfikat Optimizera dotyczy innej nazwy hosta. Sprawdź adres URL lub poproś o certyfikat z tą nazwą.',
  'error.connection.tls_bad_certificate':
    'Certyfikatu Optimizera nie można użyć. Poproś jego administratora o sprawdzenie.',
  'error.connection.tls_client_certificate':
    'Optimizer odrzucił certyfikat klienta stacji. Skonfiguruj certyfikat i klucz, których oczekuje.',
  'error.connection.tls_handshake':
    'Nie udało się nawiązać bezpiecznego połączenia z Optimizerem. Sprawdź adres URL i certyfikaty.',
  'error.verification.not_a_pdf':
    'Plik nie jest czytelnym PDF-em, więc nie można sprawdzić jego podpisu.',
  'error.verification.no_signature':
    'Dokument nie zawiera podpisu.',
  'error.verification.not_a_signature':
    'Plik nie jest czytelnym podpisem (.p7m).',
  'error.verification.unreadable_document':
    'Nie udało się odczytać dokumentu do weryfikacji.',
  'error.verification.invalid_trust_bundle':
    'Zaufane certyfikaty skonfigurowane do weryfikacji nie są poprawnym PEM.',
  'error.identity.invalid':
    'Część danych podpisującego jest nieprawidłowa. Popraw zaznaczone pola.',
  'error.workflow.unknown_request':
    'Stacja nie ma takiego wniosku o podpis.',
  'error.workflow.not_expected':
    'Ten krok nie jest teraz możliwy. Wniosek przeszedł dalej: otwórz go ponownie, aby zobaczyć jego etap.',
  'error.workflow.other_optimizer':
    'Ten wniosek należy do innego Optimizera. Połącz się z nim, aby kontynuować.',
  'error.workflow.no_documents':
    'Dodaj co najmniej jeden dokument do podpisania.',
  'error.workflow.invalid_document':
    'Nie można użyć dokumentu. Wybierz czytelny plik PDF.',
  'error.workflow.wrong_code':
    'Kod jest błędny lub wygasł. Sprawdź go z podpisującym albo wyślij nowy.',
  'error.workflow.not_signed':
    'Podpis nie został złożony: Optimizer podaje, że wniosek nie jest podpisany. Wpisz kod ponownie, aby podpisać.',
  'error.workflow.async_sign_failed':
    'Optimizer nie mógł dokończyć podpisu. Otwórz wniosek, aby spróbować ponownie.',
  'error.backup.not_verified':
    'Nie udało się zweryfikować kopii lokalnej, więc niczego nie usunięto z Optimizera.',
  'error.backup.io':
    'Nie udało się zapisać kopii lokalnej. Sprawdź folder kopii i wolne miejsce.',
  'error.backup.no_trust':
    'Brak zaufanych certyfikatów głównych dla podpisów tego Optimizera. Ustaw je w Administracji, zanim cokolwiek usuniesz.',
  'error.backup.sandbox_trust':
    'Nie udało się pobrać urzędu certyfikacji sandboksa do weryfikacji kopii.',
  'error.audit.export':
    'Nie udało się wyeksportować dziennika audytu. Wybierz inny plik lub folder.',
  'error.webhook.bind':
    'Odbiornik webhooków nie może nasłuchiwać pod swoim adresem. Wybierz inny port lub zamknij program, który go używa.',
  'error.id_image.unsupported_format':
    'Zdjęcia dokumentu muszą być w formacie JPEG lub PNG.',
  'error.id_image.file_too_large':
    'Plik zdjęcia jest za duży. Użyj mniejszego zdjęcia.',
  'error.id_image.too_many_pixels':
    'Zdjęcie ma zbyt wiele pikseli, by bezpiecznie je otworzyć. Użyj mniejszego zdjęcia.',
  'error.id_image.bad_aspect_ratio':
    'Zdjęcie jest zbyt wąskie, by pokazać dokument. Zrób je ponownie.',
  'error.id_image.corrupt':
    'Zdjęcie jest uszkodzone. Zrób je ponownie lub wybierz inny plik.',
  'error.id_image.processing_failed':
    'Nie udało się przygotować zdjęcia do wysłania. Spróbuj innego zdjęcia.',
  'error.id_image.crop_outside':
    'Przycięcie nie mieści się w zdjęciu. Narysuj ramkę ponownie na zdjęciu w obecnym obrocie.',
  'error.pdf.engine_unavailable':
    'Silnik PDF (pdfium) jest niedostępny. Zainstaluj stację ponownie lub ustaw PDFIUM_LIB.',
  'error.pdf.not_a_pdf':
    'Plik nie jest plikiem PDF.',
  'error.pdf.truncated':
    'Plik PDF jest niekompletny. Skopiuj lub pobierz go ponownie.',
  'error.pdf.unreadable':
    'Plik PDF jest uszkodzony i nie można go odczytać.',
  'error.pdf.password_protected':
    'Plik PDF jest chroniony hasłem. Użyj kopii bez hasła.',
  'error.pdf.encrypted':
    'Plik PDF jest zaszyfrowany i nie można go podpisać. Użyj niezaszyfrowanej kopii.',
  'error.pdf.no_pages':
    'Plik PDF nie ma stron.',
  'error.pdf.page_out_of_range':
    'Ta strona nie istnieje w pliku PDF.',
  'error.pdf.invalid_render_size':
    'Nie można wyświetlić strony w tym rozmiarze. Zmień powiększenie.',
  'error.pdf.render_failed':
    'Nie udało się narysować strony. Plik PDF może być uszkodzony.',
  'error.pdf.worker_stopped':
    'Przeglądarka PDF zatrzymała się na tym pliku i została uruchomiona ponownie. Plik może być uszkodzony.',
  'error.pdf.took_too_long':
    'Otwieranie lub rysowanie pliku PDF trwało zbyt długo i zostało przerwane. Plik może być uszkodzony lub przygotowany tak, by zablokować przeglądarkę.',
};
