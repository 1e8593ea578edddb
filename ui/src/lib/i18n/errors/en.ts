// English messages of the errors area: the reference keys of this area.
export const en = {
  'error.unknown': 'Unexpected error.',
  'error.store.no_data_dir':
    'The station has no data folder. Set ONESHOT_STATION_DATA_DIR and start it again.',
  'error.store.data_dir': 'The station cannot use its data folder.',
  'error.store.database': 'The station database failed.',
  'error.store.migration': 'The station database could not be updated to this version.',
  'error.store.corrupt': 'The station database holds data this version cannot read.',
  'error.connection.invalid_url':
    'The Optimizer URL is not valid. Use a form like https://optimizer.example:8443.',
  'error.connection.incomplete_client_identity':
    'A client certificate needs its private key, and a private key its certificate.',
  'error.connection.unreadable_file': 'A certificate or key file cannot be read.',
  'error.connection.invalid_tls_material':
    'The CA certificate, client certificate or key is not usable PEM.',
  'error.sandbox.start_failed': 'The embedded sandbox could not start.',
  'error.optimizer.unreachable':
    'The Optimizer cannot be reached. Check the URL, the network and the certificates.',
  'error.optimizer.timeout': 'The Optimizer did not answer in time.',
  'error.optimizer.connection_lost': 'The connection to the Optimizer broke off.',
  'error.optimizer.forbidden': 'The Optimizer refused the request.',
  'error.optimizer.not_found': 'The Optimizer does not know what was asked for.',
  'error.optimizer.server_error': 'The Optimizer failed while answering.',
  'error.optimizer.rejected': 'The Optimizer rejected the request.',
  'error.optimizer.bad_answer': 'The Optimizer sent an answer the station cannot read.',
  'error.optimizer.invalid_input': 'The request was not sent: some input is not valid.',
  'error.optimizer.file': 'A local file could not be read or written.',
  'error.optimizer.failed': 'The call to the Optimizer failed.',
  'error.input.required': 'A required field is empty.',
  'error.signin.unknown_token': 'The Optimizer does not know this token.',
  'error.signin.invalid_credentials':
    'The Optimizer refused this username, password or PIN.',
  'error.signin.required': 'Sign in as RAO first.',
  'error.vault.keyring': 'The system keyring failed.',
  'error.internal.task': 'An internal task of the station failed.',
  'error.ui.unexpected': 'The station answered in an unexpected way.',
  'error.ui.dialog': 'The file could not be chosen.',
} as const;
