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
  'error.desktop.cannot_open':
    'The desktop could not open the file: no application is set up for it. Save a copy and open it from the file manager.',
  'error.signin.required': 'Sign in as RAO first.',
  'error.vault.keyring': 'The system keyring failed.',
  'error.internal.task': 'An internal task of the station failed.',
  'error.ui.unexpected': 'The station answered in an unexpected way.',
  'error.ui.dialog': 'The file could not be chosen.',
  'error.admin.invalid_oid':
    'The OID is not valid. Write it as numbers separated by dots, e.g. 1.3.6.1.4.1.47289.100.2.9.',
  'error.admin.signature_image':
    'The signature image cannot be used: choose a readable PNG or JPEG file.',
  'error.admin.token_protected':
    'This token cannot be deleted: it is the sandbox\'s demo token or the token your session uses.',
  'error.sandbox_phone.not_sandbox':
    'The sandbox phone works only with the embedded sandbox. Choose it on the Connection screen.',
  'error.sandbox_phone.failed':
    'The embedded sandbox refused the phone\'s request. Check the request number and its status.',
  'error.ui.clipboard':
    'The text could not be copied to the clipboard. Select it and copy it by hand.',
  'error.connection.tls_untrusted':
    'The Optimizer\'s certificate is issued by a CA the station does not trust. Add the private CA\'s certificate on the Connection screen.',
  'error.connection.tls_expired':
    'The Optimizer\'s certificate has expired. Ask its administrator to renew it.',
  'error.connection.tls_not_yet_valid':
    'The Optimizer\'s certificate is not valid yet. Check this computer\'s date and time.',
  'error.connection.tls_wrong_host':
    'The Optimizer\'s certificate is for another host name. Check the URL or ask for a certificate that names this host.',
  'error.connection.tls_bad_certificate':
    'The Optimizer\'s certificate is not usable. Ask its administrator to check it.',
  'error.connection.tls_client_certificate':
    'The Optimizer refused the station\'s client certificate. Configure the certificate and key it expects.',
  'error.connection.tls_handshake':
    'The secure connection to the Optimizer could not be set up. Check the URL and the certificates.',
  'error.verification.not_a_pdf':
    'The file is not a readable PDF, so its signature cannot be checked.',
  'error.verification.no_signature':
    'The document carries no signature.',
  'error.verification.not_a_signature':
    'The file is not a readable signature (.p7m).',
  'error.verification.unreadable_document':
    'The document could not be read for verification.',
  'error.verification.invalid_trust_bundle':
    'The trusted certificates configured for verification are not valid PEM.',
  'error.identity.invalid':
    'Some of the signer\'s data is not valid. Correct the marked fields.',
  'error.workflow.unknown_request':
    'The station has no such signature request.',
  'error.workflow.not_expected':
    'This step is not possible now. The request has moved on: reopen it to see where it is.',
  'error.workflow.other_optimizer':
    'This request belongs to another Optimizer. Connect to it to go on.',
  'error.workflow.no_documents':
    'Add at least one document to sign.',
  'error.workflow.invalid_document':
    'A document cannot be used. Choose a readable PDF.',
  'error.workflow.wrong_code':
    'The code is wrong or has expired. Check it with the signer or send a new one.',
  'error.workflow.not_signed':
    'The signature did not go through: the Optimizer reports the request unsigned. Enter the code again to sign.',
  'error.workflow.async_sign_failed':
    'The Optimizer could not finish the signature. Open the request to retry.',
  'error.backup.not_verified':
    'The local copy could not be verified, so nothing was deleted from the Optimizer.',
  'error.backup.io':
    'The local copy could not be written. Check the backup folder and free space.',
  'error.backup.no_trust':
    'No trusted roots are set for this Optimizer\'s signatures. Set them in Administration before deleting anything.',
  'error.backup.sandbox_trust':
    'The sandbox\'s certificate authority could not be fetched to verify the copy.',
  'error.audit.export':
    'The audit trail could not be exported. Choose another file or folder.',
  'error.webhook.bind':
    'The webhook receiver cannot listen on its address. Choose another port or stop the program using it.',
  'error.id_image.unsupported_format':
    'ID pictures must be JPEG or PNG.',
  'error.id_image.file_too_large':
    'The picture file is too large. Use a smaller photo.',
  'error.id_image.too_many_pixels':
    'The picture has too many pixels to open safely. Use a smaller photo.',
  'error.id_image.bad_aspect_ratio':
    'The picture is far too narrow to show a document. Take it again.',
  'error.id_image.corrupt':
    'The picture is damaged. Take it again or choose another file.',
  'error.id_image.processing_failed':
    'The picture could not be prepared for upload. Try another photo.',
  'error.id_image.crop_outside':
    'The crop does not fit inside the picture. Draw the frame again on the picture as it is turned now.',
  'error.pdf.engine_unavailable':
    'The PDF engine (pdfium) is not available. Reinstall the station or set PDFIUM_LIB.',
  'error.pdf.not_a_pdf':
    'The file is not a PDF.',
  'error.pdf.truncated':
    'The PDF is incomplete. Copy or download it again.',
  'error.pdf.unreadable':
    'The PDF is damaged and cannot be read.',
  'error.pdf.password_protected':
    'The PDF is protected by a password. Use a copy without a password.',
  'error.pdf.encrypted':
    'The PDF is encrypted and cannot be signed. Use an unencrypted copy.',
  'error.pdf.no_pages':
    'The PDF has no pages.',
  'error.pdf.page_out_of_range':
    'That page does not exist in the PDF.',
  'error.pdf.invalid_render_size':
    'The page cannot be shown at this size. Change the zoom.',
  'error.pdf.render_failed':
    'The page could not be drawn. The PDF may be damaged.',
  'error.pdf.worker_stopped':
    'The PDF viewer stopped on this file and was restarted. The file may be damaged.',
  'error.pdf.took_too_long':
    'The PDF took too long to open or draw and was stopped. The file may be damaged or made to hang the viewer.',
} as const;
