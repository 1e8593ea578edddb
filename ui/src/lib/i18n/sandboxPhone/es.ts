import type { AreaCatalog } from '../types';
import type { en } from './en';

export const es: AreaCatalog<typeof en> = {
  'sandboxPhone.open': 'Teléfono del sandbox',
  'sandboxPhone.title': 'Teléfono del sandbox',
  'sandboxPhone.close': 'Cerrar',
  'sandboxPhone.intro':
    'Lo que recibiría el teléfono del firmante desde el sandbox integrado, y el lado del firmante en una sesión de Video ID. Solo datos de prueba.',
  'sandboxPhone.request': 'Número de solicitud',
  'sandboxPhone.request.hint': 'Déjelo vacío para ver los mensajes de todas las solicitudes.',
  'sandboxPhone.request.invalid': 'Escriba el número de solicitud solo con cifras.',
  'sandboxPhone.inbox': 'Mensajes',
  'sandboxPhone.loading': 'Leyendo los mensajes…',
  'sandboxPhone.empty': 'Aún no se ha enviado ningún mensaje.',
  'sandboxPhone.channel.sms': 'SMS',
  'sandboxPhone.channel.whatsapp': 'WhatsApp',
  'sandboxPhone.to': 'a {to}',
  'sandboxPhone.code': 'Código:',
  'sandboxPhone.sentAt': 'Solicitud {request} · {time}',
  'sandboxPhone.videoId': 'Sesión de Video ID',
  'sandboxPhone.videoId.hint':
    'Termina la sesión de Video ID de la solicitud indicada arriba como lo haría el firmante.',
  'sandboxPhone.outcome.review': 'Completar (a revisión)',
  'sandboxPhone.outcome.incomplete': 'Dejar sin terminar',
  'sandboxPhone.outcome.error': 'Fallar',
  'sandboxPhone.played.review': 'La solicitud {request} espera ahora la revisión.',
  'sandboxPhone.played.incomplete': 'La solicitud {request} queda incompleta.',
  'sandboxPhone.played.error': 'La sesión de Video ID de la solicitud {request} ha fallado.',
};
