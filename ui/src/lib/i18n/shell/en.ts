// English messages of the shell area: the reference keys of this area.
export const en = {
  'app.title': 'One-Shot Station',
  'app.sandboxBanner':
    'Embedded sandbox: test data only. Signatures made here have no legal value.',
  'app.skipToContent': 'Skip to content',

  'nav.label': 'Sections',
  'nav.sign': 'Sign',
  'nav.hashSign': 'Hash sign',
  'nav.videoId': 'Video ID queue',
  'nav.admin': 'Administration',
  'nav.audit': 'Audit',
  'nav.connection': 'Connection',

  'language.label': 'Language',
  'language.es': 'Español',
  'language.en': 'English',
  'language.pl': 'Polski',

  'later.title': '{screen} arrives in a later release',
  'later.body':
    'This part of the station is still being built, so there is nothing to show here yet. Connection and Administration work today.',
  'later.goToConnection': 'Go to Connection',

  'errorBanner.code': 'Code',
  'errorBanner.dismiss': 'Dismiss',

  'confirm.cancel': 'Cancel',
} as const;
