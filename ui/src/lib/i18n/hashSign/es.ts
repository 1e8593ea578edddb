import type { AreaCatalog } from '../types';
import type { en } from './en';

export const es: AreaCatalog<typeof en> = {
  'hashSign.title': 'Firma de hash',
  'hashSign.files.heading': 'Archivos a firmar',
  'hashSign.files.intro':
    'Se puede firmar cualquier archivo: al Optimizer solo va su SHA-256, calculado aquí. La firma (.p7m) se guarda junto a cada archivo una vez verificada.',
  'hashSign.files.add': 'Añadir archivos…',
  'hashSign.files.pathLabel': 'Ruta de un archivo para añadir',
  'hashSign.files.empty': 'Aún no hay archivos.',
  'hashSign.files.file': 'Archivo',
  'hashSign.files.size': 'Tamaño',
  'hashSign.files.hashing': 'Calculando SHA-256: {done} de {total} archivos',
  'hashSign.files.hashingLabel': 'Progreso del SHA-256',
  'hashSign.missing.files': 'Añada al menos un archivo para firmar.',
};
