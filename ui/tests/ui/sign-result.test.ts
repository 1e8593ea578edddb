import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { STATION_EVENT, type StationEvent } from '../../src/lib/generated/bindings';
import { FakeSign, RIGHT_CODE } from './fake-sign';
import { FakeSignedDocuments } from './fake-signed-document';
import { FakeStation } from './fake-station';
import { axeProblems, mockIpcScript, openStation, serveDist } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let shim: string;

beforeAll(async () => {
  server = await serveDist();
  shim = await mockIpcScript();
});

afterAll(async () => {
  await server?.close();
});

/** A request signed through the Code step, its Result on screen. */
async function signedResult(locale = 'en-US') {
  const sign = new FakeSign();
  sign.unfinished('code');
  const documents = new FakeSignedDocuments();
  const backend = new FakeStation().signedIn();
  backend.screens.push(documents, sign);
  const opened = await openStation(server.url, shim, backend.handle, locale);
  const { page } = opened;
  // What the print dialog would print: the pages in the print container when it opens.
  await page.evaluate(() => {
    const printed: number[] = [];
    (window as unknown as { __printed: number[] }).__printed = printed;
    window.print = () => void printed.push(document.querySelectorAll('#print-root img').length);
  });
  await page.getByTestId('sign-resume').click();
  await page.getByTestId('sign-code-input').fill(RIGHT_CODE);
  await page.getByTestId('sign-code-submit').click();
  await page.getByTestId('sign-result').waitFor();
  return { ...opened, sign, documents, id: sign.requests[0]?.id ?? '' };
}

describe('Sign result', () => {
  it('shows the verification report, saves a copy, opens and prints the signed document', async () => {
    const { page, problems, documents, sign, id, close } = await signedResult('en-US');
    try {
      await page.getByTestId('sign-result-report-toggle').click();
      await page.getByTestId('sign-report').waitFor();
      expect(await page.getByTestId('sign-report-signer').innerText()).toBe('LUCIA PEREZ');
      expect(await page.getByTestId('sign-report-id-number').innerText()).toBe('IDCES-00000023T');
      expect(await page.getByTestId('sign-report-timestamp').innerText()).toContain('Sandbox TSA');
      expect(await page.getByTestId('sign-report-trust').innerText()).toContain('Trusted');
      expect(await page.getByTestId('sign-report-level').innerText()).toBe('B-T');
      expect(await page.getByTestId('sign-result-report-toggle').getAttribute('aria-expanded')).toBe('true');
      expect(await axeProblems(page)).toEqual([]);

      documents.saveAnswer = '/home/officer/Desktop/contrato firmado.pdf';
      await page.getByTestId('sign-result-save-as').click();
      await page.getByTestId('sign-result-saved-copy').waitFor();
      expect(await page.getByTestId('sign-result-saved-copy').innerText()).toContain('contrato firmado.pdf');
      const saved = documents.calls.find((call) => call.command === 'signed_document_save_copy');
      expect(saved?.payload).toEqual({ id, position: 0, target: '/home/officer/Desktop/contrato firmado.pdf' });

      await page.getByTestId('sign-result-open').click();
      await expect
        .poll(() => documents.calls.filter((call) => call.command === 'signed_document_open').length)
        .toBe(1);

      await page.getByTestId('sign-result-print').click();
      // The signed copy has two pages in the fake: both go to the printer, rendered at print resolution.
      await expect.poll(() => page.evaluate(() => (window as unknown as { __printed: number[] }).__printed)).toEqual([2]);
      const rendered = sign.calls.filter((call) => call.command === 'pdf_page_image').slice(-2);
      expect(rendered.map((call) => call.payload)).toEqual([0, 1].map((page) => ({
        path: `/data/backups/${id}/0 signed.pdf`,
        page,
        size: { by: 'dpi', value: 150 },
      })));
      expect(await page.locator('#print-root').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps the result when the save dialog is closed, and says why a file cannot be opened', async () => {
    const { page, documents, close } = await signedResult('es-ES');
    try {
      documents.saveAnswer = null;
      await page.getByTestId('sign-result-save-as').click();
      await expect.poll(() => documents.calls.some((call) => call.command === 'plugin:dialog|save')).toBe(true);
      expect(documents.calls.some((call) => call.command === 'signed_document_save_copy')).toBe(false);
      expect(await page.getByTestId('sign-result-saved-copy').count()).toBe(0);

      documents.failures.signed_document_open = {
        code: 'desktop.cannot_open',
        message: 'the desktop could not open the file (fake)',
        details: '/data/backups/x/0 signed.pdf',
      };
      await page.getByTestId('sign-result-open').click();
      await page.getByTestId('error-banner').waitFor();
      expect(await page.getByTestId('error-banner').innerText()).toContain('Guarde una copia');
      await page.getByTestId('sign-result').waitFor();
    } finally {
      await close();
    }
  });
});

describe('Video ID ready notification', () => {
  it('tells the desktop when a request reaches review, on any screen, in the officer’s language', async () => {
    const backend = new FakeStation().signedIn();
    backend.screens.push(new FakeSign());
    const { page, problems, close } = await openStation(server.url, shim, backend.handle, 'pl-PL');
    try {
      // What the notification plugin's script provides in the app's webview.
      await page.evaluate(() => {
        const sent: { title: string; body: string }[] = [];
        (window as unknown as { __notified: typeof sent }).__notified = sent;
        class DesktopNotification {
          static permission = 'granted';
          static requestPermission = async () => 'granted';
          constructor(title: string, options: { body: string }) {
            sent.push({ title, body: options.body });
          }
        }
        (window as unknown as { Notification: unknown }).Notification = DesktopNotification;
      });
      await page.getByTestId('screen-sign').waitFor();
      const event: StationEvent = {
        type: 'videoIdReadyForReview',
        request: 'req-7',
        optimizerPk: 3141,
        signer: 'Jan Kowalski',
      };
      await page.evaluate(([name, payload]) => window.__stationEmit(name as string, payload), [
        STATION_EVENT,
        event,
      ] as const);
      const notified = () => page.evaluate(() => (window as unknown as { __notified: unknown[] }).__notified);
      await expect.poll(notified).toEqual([
        {
          title: 'Video ID gotowe do weryfikacji',
          body: 'Wniosek 3141 — Jan Kowalski. Otwórz kolejkę Video ID, aby go zweryfikować.',
        },
      ]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
