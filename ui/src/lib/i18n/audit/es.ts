import type { AreaCatalog } from '../types';
import type { en } from './en';

export const es: AreaCatalog<typeof en> = {
  'audit.title': 'Registro de auditoría',
  'audit.refresh': 'Actualizar',
  'audit.loading': 'Cargando…',
  'audit.empty': 'El registro está vacío: aún no se ha hecho nada en esta estación.',
  'audit.count': '{shown} de {total} entradas',
  'audit.more': 'Mostrar {count} más',
  'audit.entries.heading': 'Entradas',

  'audit.filters.label': 'Filtrar el registro',
  'audit.filters.search': 'Buscar',
  'audit.filters.action': 'Acción',
  'audit.filters.allActions': 'Todas las acciones',
  'audit.filters.outcome': 'Resultado',
  'audit.filters.allOutcomes': 'Todos los resultados',

  'audit.column.seq': 'N.º',
  'audit.column.at': 'Cuándo',
  'audit.column.officer': 'Operador',
  'audit.column.action': 'Acción',
  'audit.column.request': 'Solicitud',
  'audit.column.outcome': 'Resultado',
  'audit.column.details': 'Detalles',

  'audit.action.create': 'Solicitud creada',
  'audit.action.upload': 'Subido',
  'audit.action.contract_shown': 'Contrato mostrado',
  'audit.action.otp_sent': 'Código enviado',
  'audit.action.sign': 'Firmado',
  'audit.action.approve': 'Identificación aprobada',
  'audit.action.refuse': 'Identificación rechazada',
  'audit.action.cancel': 'Cancelada',
  'audit.action.update': 'Datos del firmante corregidos',
  'audit.action.delete': 'Borrado del Optimizer',
  'audit.action.backup': 'Copia guardada y verificada',
  'audit.outcome.succeeded': 'Hecho',
  'audit.outcome.failed': 'Fallido',

  'audit.verify.heading': 'Comprobación de la cadena',
  'audit.verify.hint':
    'Cada entrada lleva el hash de la anterior: la comprobación detecta cualquier entrada modificada, eliminada o movida.',
  'audit.verify.run': 'Verificar la cadena',
  'audit.verify.running': 'Verificando…',
  'audit.verify.valid': 'La cadena está intacta: {count} entradas comprobadas.',
  'audit.verify.invalid': 'La cadena está rota: {problems} problema(s) en {count} entradas.',
  'audit.problem.edited': 'La entrada {seq} se modificó después de escribirse.',
  'audit.problem.removed': 'Faltan entradas antes de la entrada {seq}.',
  'audit.problem.reordered': 'La entrada {seq} se ha movido.',
  'audit.problem.truncated':
    'Faltan las entradas más recientes: el registro termina en {present}, no en {recorded}.',

  'audit.export.heading': 'Exportar',
  'audit.export.hint':
    'JSON conserva los hashes para volver a comprobar la cadena; CSV se abre en una hoja de cálculo.',
  'audit.export.json': 'Exportar como JSON…',
  'audit.export.csv': 'Exportar como CSV…',
  'audit.export.filter.json': 'Archivo JSON',
  'audit.export.filter.csv': 'Archivo CSV',
  'audit.export.saved': 'Guardado en {path}',
};
