// How a token's content reads in the officer's language.
import type { AdminToken } from '../generated/bindings';
import type { MessageKey } from '../i18n/catalogs';

/** What the token carries besides the user name, as message keys. */
export function holdsKeys(token: Pick<AdminToken, 'holdsPassword' | 'holdsPin'>): MessageKey[] {
  const keys: MessageKey[] = [];
  if (token.holdsPassword) keys.push('admin.tokens.holds.password');
  if (token.holdsPin) keys.push('admin.tokens.holds.pin');
  return keys.length > 0 ? keys : ['admin.tokens.holds.nothing'];
}
