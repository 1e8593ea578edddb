import type { AreaCatalog } from '../types';
import type { en } from './en';

export const es: AreaCatalog<typeof en> = {
  'error.unknown': 'Error inesperado.',
  'error.store.no_data_dir':
    'La estación no tiene carpeta de datos. Defina ONESHOT_STATION_DATA_DIR y vuelva a iniciarla.',
  'error.store.data_dir': 'La estación no puede usar su carpeta de datos.',
  'error.store.database': 'Ha fallado la base de datos de la estación.',
  'error.store.migration': 'La base de datos de la estación no pudo actualizarse a esta versión.',
  'error.store.corrupt': 'La base de datos contiene datos que esta versión no puede leer.',
  'error.connection.invalid_url':
    'La URL del Optimizer no es válida. Use una forma como https://optimizer.ejemplo:8443.',
  'error.connection.incomplete_client_identity':
    'Un certificado de cliente necesita su clave privada, y una clave privada su certificado.',
  'error.connection.unreadable_file': 'No se puede leer un archivo de certificado o de clave.',
  'error.connection.invalid_tls_material':
    'El certificado de CA, el certificado de cliente o la clave no son un PEM utilizable.',
  'error.sandbox.start_failed': 'El sandbox integrado no pudo arrancar.',
  'error.optimizer.unreachable':
    'No se puede contactar con el Optimizer. Revise la URL, la red y los certificados.',
  'error.optimizer.timeout': 'El Optimizer no respondió a tiempo.',
  'error.optimizer.connection_lost': 'Se cortó la conexión con el Optimizer.',
  'error.optimizer.forbidden': 'El Optimizer denegó la petición.',
  'error.optimizer.not_found': 'El Optimizer no conoce lo que se ha pedido.',
  'error.optimizer.server_error': 'El Optimizer falló al responder.',
  'error.optimizer.rejected': 'El Optimizer rechazó la petición.',
  'error.optimizer.bad_answer':
    'El Optimizer envió una respuesta que la estación no puede leer.',
  'error.optimizer.invalid_input': 'La petición no se envió: algún dato no es válido.',
  'error.optimizer.file': 'No se pudo leer o escribir un archivo local.',
  'error.optimizer.failed': 'Falló la llamada al Optimizer.',
  'error.input.required': 'Falta un campo obligatorio.',
  'error.signin.unknown_token': 'El Optimizer no conoce este token.',
  'error.signin.invalid_credentials':
    'El Optimizer rechazó este usuario, contraseña o PIN.',
  'error.signin.required': 'Inicie sesión como operador primero.',
  'error.vault.keyring': 'Ha fallado el llavero del sistema.',
  'error.internal.task': 'Ha fallado una tarea interna de la estación.',
  'error.ui.unexpected': 'La estación respondió de forma inesperada.',
  'error.ui.dialog': 'No se pudo elegir el archivo.',
};
