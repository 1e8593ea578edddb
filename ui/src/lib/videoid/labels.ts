// The officer's words for the Optimizer's status words; an unknown word shows as sent.
import { isMessageKey } from '../i18n/catalogs';
import { i18n } from '../i18n/store.svelte';

export function statusLabel(status: string): string {
  const key = `videoId.status.${status}`;
  return isMessageKey(key) ? i18n.t(key) : status;
}
