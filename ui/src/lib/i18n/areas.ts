// Every area of the UI keeps its messages in its own folder, one file per language
// (`<area>/en.ts` holds the reference keys), so screens are translated side by side
// without touching one another's files. A new area is one folder and one line here.
import * as connection from './connection';
import * as errors from './errors';
import * as shell from './shell';

export const AREAS = {
  shell,
  connection,
  errors,
} as const;
