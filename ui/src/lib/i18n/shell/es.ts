import type { AreaCatalog } from '../types';
import type { en } from './en';

export const es: AreaCatalog<typeof en> = {
  'app.title': 'One-Shot Station',
  'app.sandboxBanner':
    'Sandbox integrado: solo datos de prueba. Las firmas hechas aquí no tienen validez legal.',
  'app.skipToContent': 'Ir al contenido',

  'nav.label': 'Secciones',
  'nav.sign': 'Firmar',
  'nav.hashSign': 'Firma de hash',
  'nav.videoId': 'Cola de Video ID',
  'nav.admin': 'Administración',
  'nav.audit': 'Auditoría',
  'nav.connection': 'Conexión',

  'language.label': 'Idioma',
  'language.es': 'Español',
  'language.en': 'English',
  'language.pl': 'Polski',

  'later.title': '{screen} llegará en una próxima versión',
  'later.body':
    'Esta parte de la estación aún se está construyendo, así que todavía no hay nada que mostrar aquí. Conexión y Administración ya funcionan.',
  'later.goToConnection': 'Ir a Conexión',

  'errorBanner.code': 'Código',
  'errorBanner.dismiss': 'Cerrar',

  'confirm.cancel': 'Cancelar',
};
