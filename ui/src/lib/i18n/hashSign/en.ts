// English messages of the Hash sign screen: the reference keys of this area (the
// shared steps use the Sign screen's messages).
export const en = {
  'hashSign.title': 'Hash sign',
  'hashSign.files.heading': 'Files to sign',
  'hashSign.files.intro':
    'Any file can be signed: only its SHA-256, computed here, goes to the Optimizer. The signature (.p7m) is saved next to each file once verified.',
  'hashSign.files.add': 'Add files…',
  'hashSign.files.pathLabel': 'Path of a file to add',
  'hashSign.files.empty': 'No files yet.',
  'hashSign.files.file': 'File',
  'hashSign.files.size': 'Size',
  'hashSign.files.hashing': 'Computing SHA-256: {done} of {total} files',
  'hashSign.files.hashingLabel': 'SHA-256 progress',
  'hashSign.missing.files': 'Add at least one file to sign.',
} as const;
