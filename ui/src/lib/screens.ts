import type { MessageKey } from './i18n/catalogs';

export type ScreenId = 'sign' | 'hashSign' | 'videoId' | 'admin' | 'audit' | 'connection';

export interface ScreenEntry {
  readonly id: ScreenId;
  readonly label: MessageKey;
  readonly testId: string;
}

/** The station's screens in navigation order. */
export const SCREENS: readonly ScreenEntry[] = [
  { id: 'sign', label: 'nav.sign', testId: 'nav-sign' },
  { id: 'hashSign', label: 'nav.hashSign', testId: 'nav-hash-sign' },
  { id: 'videoId', label: 'nav.videoId', testId: 'nav-videoid' },
  { id: 'admin', label: 'nav.admin', testId: 'nav-admin' },
  { id: 'audit', label: 'nav.audit', testId: 'nav-audit' },
  { id: 'connection', label: 'nav.connection', testId: 'nav-connection' },
];
