import { describe, expect, it } from 'vitest';

import type { StationEvent } from '../generated/bindings';
import { i18n } from '../i18n/store.svelte';
import { readyNotifier, type Desktop } from './ready-notifier';

function fakeDesktop(granted: boolean, answer: string) {
  const sent: { title: string; body: string }[] = [];
  let asked = 0;
  const desktop: Desktop = {
    isPermissionGranted: async () => granted,
    requestPermission: async () => {
      asked += 1;
      return answer;
    },
    sendNotification: (n) => void sent.push(n),
  };
  return { desktop, sent, asked: () => asked };
}

const ready: StationEvent = {
  type: 'videoIdReadyForReview',
  request: 'req-1',
  optimizerPk: 4242,
  signer: 'Lucía García',
};

describe('the Video ID ready notifier', () => {
  it('notifies in the officer’s language with the request and the signer', async () => {
    i18n.setLocale('es');
    const { desktop, sent } = fakeDesktop(true, 'granted');
    await readyNotifier(desktop)(ready);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.title).toBe('Solicitud de Video ID lista para revisar');
    expect(sent[0]?.body).toContain('4242');
    expect(sent[0]?.body).toContain('Lucía García');
  });

  it('ignores every other event', async () => {
    const { desktop, sent } = fakeDesktop(true, 'granted');
    const notify = readyNotifier(desktop);
    await notify({ type: 'queueChanged' });
    expect(sent).toHaveLength(0);
  });

  it('asks for permission once and respects a refusal', async () => {
    const { desktop, sent, asked } = fakeDesktop(false, 'denied');
    const notify = readyNotifier(desktop);
    await notify(ready);
    await notify(ready);
    expect(asked()).toBe(1);
    expect(sent).toHaveLength(0);
  });

  it('notifies once the officer grants permission', async () => {
    i18n.setLocale('en');
    const { desktop, sent } = fakeDesktop(false, 'granted');
    await readyNotifier(desktop)(ready);
    expect(sent.map((n) => n.title)).toEqual(['Video ID ready for review']);
  });

  it('survives a desktop without a notification server', async () => {
    const desktop: Desktop = {
      isPermissionGranted: async () => true,
      requestPermission: async () => 'granted',
      sendNotification: () => {
        throw new Error('org.freedesktop.Notifications was not provided');
      },
    };
    await expect(readyNotifier(desktop)(ready)).resolves.toBeUndefined();
  });
});
