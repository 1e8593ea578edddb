import type { AreaCatalog } from '../types';
import type { en } from './en';

export const pl: AreaCatalog<typeof en> = {
  'sandboxPhone.open': 'Telefon sandboksa',
  'sandboxPhone.title': 'Telefon sandboksa',
  'sandboxPhone.close': 'Zamknij',
  'sandboxPhone.intro':
    'To, co telefon podpisującego otrzymałby z wbudowanego sandboksa, oraz strona podpisującego w sesji Video ID. Tylko dane testowe.',
  'sandboxPhone.request': 'Numer wniosku',
  'sandboxPhone.request.hint': 'Zostaw puste, aby zobaczyć wiadomości wszystkich wniosków.',
  'sandboxPhone.request.invalid': 'Wpisz numer wniosku samymi cyframi.',
  'sandboxPhone.inbox': 'Wiadomości',
  'sandboxPhone.loading': 'Odczytywanie wiadomości…',
  'sandboxPhone.empty': 'Nie wysłano jeszcze żadnej wiadomości.',
  'sandboxPhone.channel.sms': 'SMS',
  'sandboxPhone.channel.whatsapp': 'WhatsApp',
  'sandboxPhone.to': 'do {to}',
  'sandboxPhone.code': 'Kod:',
  'sandboxPhone.sentAt': 'Wniosek {request} · {time}',
  'sandboxPhone.videoId': 'Sesja Video ID',
  'sandboxPhone.videoId.hint':
    'Kończy sesję Video ID wniosku o powyższym numerze tak, jak zrobiłby to podpisujący.',
  'sandboxPhone.outcome.review': 'Ukończ (do weryfikacji)',
  'sandboxPhone.outcome.incomplete': 'Pozostaw nieukończoną',
  'sandboxPhone.outcome.error': 'Zakończ błędem',
  'sandboxPhone.played.review': 'Wniosek {request} czeka teraz na weryfikację.',
  'sandboxPhone.played.incomplete': 'Wniosek {request} jest teraz nieukończony.',
  'sandboxPhone.played.error': 'Sesja Video ID wniosku {request} zakończyła się błędem.',
};
