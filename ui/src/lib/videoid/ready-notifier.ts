// A desktop notification when a Video ID request reaches review, wherever the officer
// is in the station (or in another application): the backend sends one
// `videoIdReadyForReview` event per arrival, so nothing here deduplicates.
import {
  isPermissionGranted,
  requestPermission,
  sendNotification,
} from '@tauri-apps/plugin-notification';

import type { StationEvent } from '../generated/bindings';
import { i18n } from '../i18n/store.svelte';

/** What the notifier needs from the desktop; the real one is the Tauri plugin. */
export interface Desktop {
  isPermissionGranted(): Promise<boolean>;
  requestPermission(): Promise<string>;
  sendNotification(notification: { title: string; body: string }): void;
}

export const tauriDesktop: Desktop = { isPermissionGranted, requestPermission, sendNotification };

type Ready = Extract<StationEvent, { type: 'videoIdReadyForReview' }>;

/**
 * Builds the handler for station events. Permission is asked at most once per run:
 * an officer who said no is not asked again at every request.
 */
export function readyNotifier(desktop: Desktop = tauriDesktop): (event: StationEvent) => Promise<void> {
  let permission: Promise<boolean> | null = null;
  const allowed = () =>
    (permission ??= (async () =>
      (await desktop.isPermissionGranted()) || (await desktop.requestPermission()) === 'granted')());
  return async (event) => {
    if (event.type !== 'videoIdReadyForReview') return;
    const ready: Ready = event;
    try {
      if (!(await allowed())) return;
      desktop.sendNotification({
        title: i18n.t('videoId.notification.title'),
        body: i18n.t('videoId.notification.body', { pk: ready.optimizerPk, signer: ready.signer }),
      });
    } catch (error) {
      // No notification server (a bare X session): the queue still shows the request
      // and its screen announces it, so this is not worth interrupting the officer.
      console.warn('desktop notification failed', error);
    }
  };
}
