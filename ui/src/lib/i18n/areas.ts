// Every area of the UI keeps its messages in its own folder, one file per language
// (`<area>/en.ts` holds the reference keys), so screens are translated side by side
// without touching one another's files. A new area is one folder and one line here.
import * as admin from './admin';
import * as audit from './audit';
import * as connection from './connection';
import * as errors from './errors';
import * as hashSign from './hashSign';
import * as sandboxPhone from './sandboxPhone';
import * as shell from './shell';
import * as sign from './sign';
import * as videoId from './videoId';

export const AREAS = {
  shell,
  connection,
  errors,
  admin,
  sandboxPhone,
  sign,
  hashSign,
  videoId,
  audit,
} as const;
