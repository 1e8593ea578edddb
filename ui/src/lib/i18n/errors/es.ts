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
  'error.desktop.cannot_open':
    'El escritorio no pudo abrir el archivo: no hay ninguna aplicación configurada para él. Guarde una copia y ábrala desde el gestor de archivos.',
  'error.signin.required': 'Inicie sesión como operador primero.',
  'error.vault.keyring': 'Ha fallado el llavero del sistema.',
  'error.internal.task': 'Ha fallado una tarea interna de la estación.',
  'error.ui.unexpected': 'La estación respondió de forma inesperada.',
  'error.ui.dialog': 'No se pudo elegir el archivo.',
  'error.admin.invalid_oid':
    'El OID no es válido. Escríbalo como números separados por puntos, p. ej. 1.3.6.1.4.1.47289.100.2.9.',
  'error.admin.signature_image':
    'No se puede usar la imagen de firma: elija un archivo PNG o JPEG legible.',
  'error.admin.token_protected':
    'Este token no se puede eliminar: es el token de demostración del sandbox o el que usa su sesión.',
  'error.sandbox_phone.not_sandbox':
    'El teléfono del sandbox solo funciona con el sandbox integrado. Elíjalo en la pantalla Conexión.',
  'error.sandbox_phone.failed':
    'El sandbox integrado rechazó la petición del teléfono. Compruebe el número de solicitud y su estado.',
  'error.ui.clipboard':
    'No se pudo copiar el texto al portapapeles. Selecciónelo y cópielo a mano.',
  'error.connection.tls_untrusted':
    'El certificado del Optimizer lo emite una CA en la que la estación no confía. Añada el certificado de la CA privada en la pantalla Conexión.',
  'error.connection.tls_expired':
    'El certificado del Optimizer ha caducado. Pida a su administrador que lo renueve.',
  'error.connection.tls_not_yet_valid':
    'El certificado del Optimizer aún no es válido. Compruebe la fecha y la hora de este equipo.',
  'error.connection.tls_wrong_host':
    'El certificado del Optimizer es para otro nombre de host. Compruebe la URL o pida un certificado con este nombre.',
  'error.connection.tls_bad_certificate':
    'El certificado del Optimizer no se puede usar. Pida a su administrador que lo revise.',
  'error.connection.tls_client_certificate':
    'El Optimizer rechazó el certificado de cliente de la estación. Configure el certificado y la clave que espera.',
  'error.connection.tls_handshake':
    'No se pudo establecer la conexión segura con el Optimizer. Compruebe la URL y los certificados.',
  'error.verification.not_a_pdf':
    'El archivo no es un PDF legible, así que no se puede comprobar su firma.',
  'error.verification.no_signature':
    'El documento no lleva ninguna firma.',
  'error.verification.not_a_signature':
    'El archivo no es una firma legible (.p7m).',
  'error.verification.unreadable_document':
    'No se pudo leer el documento para verificarlo.',
  'error.verification.invalid_trust_bundle':
    'Los certificados de confianza configurados para la verificación no son PEM válido.',
  'error.identity.invalid':
    'Algunos datos del firmante no son válidos. Corrija los campos marcados.',
  'error.workflow.unknown_request':
    'La estación no tiene esa solicitud de firma.',
  'error.workflow.not_expected':
    'Este paso no es posible ahora. La solicitud ha avanzado: ábrala de nuevo para ver dónde está.',
  'error.workflow.other_optimizer':
    'Esta solicitud pertenece a otro Optimizer. Conéctese a él para continuar.',
  'error.workflow.no_documents':
    'Añada al menos un documento para firmar.',
  'error.workflow.invalid_document':
    'Un documento no se puede usar. Elija un PDF legible.',
  'error.workflow.wrong_code':
    'El código es incorrecto o ha caducado. Compruébelo con el firmante o envíe uno nuevo.',
  'error.workflow.not_signed':
    'La firma no se completó: el Optimizer indica que la solicitud no está firmada. Introduzca de nuevo el código para firmar.',
  'error.workflow.async_sign_failed':
    'El Optimizer no pudo terminar la firma. Abra la solicitud para reintentarlo.',
  'error.backup.not_verified':
    'No se pudo verificar la copia local, así que no se borró nada del Optimizer.',
  'error.backup.io':
    'No se pudo escribir la copia local. Compruebe la carpeta de copias y el espacio libre.',
  'error.backup.no_trust':
    'No hay raíces de confianza para las firmas de este Optimizer. Configúrelas en Administración antes de borrar nada.',
  'error.backup.sandbox_trust':
    'No se pudo obtener la autoridad de certificación del sandbox para verificar la copia.',
  'error.audit.export':
    'No se pudo exportar el registro de auditoría. Elija otro archivo o carpeta.',
  'error.webhook.bind':
    'El receptor de webhooks no puede escuchar en su dirección. Elija otro puerto o cierre el programa que lo usa.',
  'error.id_image.unsupported_format':
    'Las imágenes del documento deben ser JPEG o PNG.',
  'error.id_image.file_too_large':
    'El archivo de imagen es demasiado grande. Use una foto más pequeña.',
  'error.id_image.too_many_pixels':
    'La imagen tiene demasiados píxeles para abrirla con seguridad. Use una foto más pequeña.',
  'error.id_image.bad_aspect_ratio':
    'La imagen es demasiado estrecha para mostrar un documento. Tómela de nuevo.',
  'error.id_image.corrupt':
    'La imagen está dañada. Tómela de nuevo o elija otro archivo.',
  'error.id_image.processing_failed':
    'No se pudo preparar la imagen para enviarla. Pruebe con otra foto.',
  'error.id_image.crop_outside':
    'El recorte no cabe dentro de la imagen. Vuelva a dibujar el marco sobre la imagen tal como está girada ahora.',
  'error.pdf.engine_unavailable':
    'El motor PDF (pdfium) no está disponible. Reinstale la estación o configure PDFIUM_LIB.',
  'error.pdf.not_a_pdf':
    'El archivo no es un PDF.',
  'error.pdf.truncated':
    'El PDF está incompleto. Cópielo o descárguelo de nuevo.',
  'error.pdf.unreadable':
    'El PDF está dañado y no se puede leer.',
  'error.pdf.password_protected':
    'El PDF está protegido con contraseña. Use una copia sin contraseña.',
  'error.pdf.encrypted':
    'El PDF está cifrado y no se puede firmar. Use una copia sin cifrar.',
  'error.pdf.no_pages':
    'El PDF no tiene páginas.',
  'error.pdf.page_out_of_range':
    'Esa página no existe en el PDF.',
  'error.pdf.invalid_render_size':
    'La página no se puede mostrar a este tamaño. Cambie el zoom.',
  'error.pdf.render_failed':
    'No se pudo dibujar la página. El PDF puede estar dañado.',
  'error.pdf.worker_stopped':
    'El visor de PDF se detuvo con este archivo y se reinició. El archivo puede estar dañado.',
  'error.pdf.took_too_long':
    'El PDF tardó demasiado en abrirse o dibujarse y se detuvo. El archivo puede estar dañado o preparado para bloquear el visor.',
};
