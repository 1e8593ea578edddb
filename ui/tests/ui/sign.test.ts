import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { STATION_EVENT, type StationEvent } from '../../src/lib/generated/bindings';
import { FakeAdmin } from './fake-admin';
import { FakeStation } from './fake-station';
import { FakeSign, RIGHT_CODE } from './fake-sign';
import { axeProblems, mockIpcScript, openStation, serveDist } from './harness';
import { fillSigner, toDocuments, usePicture } from './sign-steps';
import type { Page } from 'playwright-core';

let server: Awaited<ReturnType<typeof serveDist>>;
let shim: string;

beforeAll(async () => {
  server = await serveDist();
  shim = await mockIpcScript();
});

afterAll(async () => {
  await server?.close();
});

/** The station signed in, on the Sign screen. */
async function signScreen(locale = 'en-US', sign = new FakeSign(), admin: FakeAdmin | null = null) {
  const backend = new FakeStation().signedIn();
  backend.screens.push(sign);
  if (admin) backend.screens.push(admin);
  const opened = await openStation(server.url, shim, backend.handle, locale);
  await opened.page.getByTestId('screen-sign').waitFor();
  return { ...opened, backend, sign };
}

const emit = (page: Page, event: StationEvent) =>
  page.evaluate(([name, payload]) => window.__stationEmit(name as string, payload), [STATION_EVENT, event] as const);

const states = (page: Page) =>
  page.getByTestId('sign-progress-document').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));

describe('Sign screen', () => {
  it('walks W1 from the signer to the verified result, with progress from events', async () => {
    const { page, problems, sign, close } = await signScreen('en-US');
    try {
      await page.getByTestId('sign-signer').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await fillSigner(page);
      await page.getByTestId('sign-signer-next').click();

      await page.getByTestId('sign-images').waitFor();
      await page.getByTestId('sign-images-next').click();
      await page.getByTestId('sign-images-missing').waitFor();
      await usePicture(page, 'front', '/home/officer/front.jpg');
      await usePicture(page, 'rear', '/home/officer/rear-dark.jpg');
      await usePicture(page, 'owner', '/home/officer/owner.png');
      expect(await page.getByTestId('sign-image-rear-hints').innerText()).toContain('dark');
      await page.getByTestId('sign-image-front-good').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('sign-images-next').click();

      await page.getByTestId('sign-documents').waitFor();
      sign.dialogAnswer = ['/home/officer/loan.pdf', '/home/officer/annex.pdf'];
      await page.getByTestId('sign-documents-choose').click();
      await page.getByTestId('sign-document-thumbnail').nth(1).waitFor();
      expect(await page.getByTestId('sign-document-name').allInnerTexts()).toEqual(['loan.pdf', 'annex.pdf']);
      await page.getByTestId('sign-document-down').first().click();
      expect(await page.getByTestId('sign-document-name').allInnerTexts()).toEqual(['annex.pdf', 'loan.pdf']);
      expect(await page.getByTestId('sign-profile').getAttribute('placeholder')).toBe('PFnubeQAFCiudadano');
      await page.getByTestId('sign-confirmation-whatsapp').check();
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('sign-start').click();

      await page.getByTestId('sign-review').waitFor();
      const started = sign.calls.find((call) => call.command === 'sign_start')?.payload as {
        draft: { documents: { path: string }[]; options: { deliveryMethod: string }; idImages: { documentRear: string } };
      };
      expect(started.draft.documents.map((document) => document.path)).toEqual([
        '/home/officer/annex.pdf',
        '/home/officer/loan.pdf',
      ]);
      expect(started.draft.options.deliveryMethod).toBe('whatsapp');
      // The normalized picture is uploaded, not the officer's original.
      expect(started.draft.idImages.documentRear).toMatch(/^\/data\/id-images\//);

      expect(await page.getByTestId('sign-review-item').allInnerTexts()).toEqual([
        'Service contract',
        'annex.pdf',
        'loan.pdf',
      ]);
      await page.getByTestId('sign-viewer-image').waitFor();
      expect(await page.getByTestId('sign-viewer-page').innerText()).toBe('Page 1 of 3');
      await page.getByTestId('sign-viewer-next').click();
      expect(await page.getByTestId('sign-viewer-page').innerText()).toBe('Page 2 of 3');
      await page.getByTestId('sign-viewer-zoom-in').click();
      expect(await page.getByTestId('sign-viewer-zoom')).toBeTruthy();
      expect(await page.getByTestId('sign-review-confirm').isDisabled()).toBe(true);
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('sign-review-read').check();
      await page.getByTestId('sign-review-confirm').click();

      await page.getByTestId('sign-code').waitFor();
      expect(await page.getByTestId('sign-code-sent').innerText()).toContain('+34600111222');
      // The code was just sent: a new one has to wait.
      expect(await page.getByTestId('sign-code-resend').isDisabled()).toBe(true);
      await page.getByTestId('sign-code-resend-wait').waitFor();
      expect(await axeProblems(page)).toEqual([]);

      let release = () => {};
      sign.signGate = new Promise((done) => (release = done));
      await page.getByTestId('sign-code-input').fill(RIGHT_CODE);
      await page.getByTestId('sign-code-submit').click();
      await page.getByTestId('sign-signing').waitFor();
      const id = sign.requests[0]?.id ?? '';
      expect(await states(page)).toEqual(['waiting', 'waiting']);
      await emit(page, { type: 'signProgress', request: id, stage: { stage: 'signed' } });
      await page.locator('[data-testid="sign-progress-document"][data-state="signed"]').nth(1).waitFor();
      await emit(page, { type: 'signProgress', request: id, stage: { stage: 'fetched', done: 1, total: 2 } });
      await page.locator('[data-testid="sign-progress-document"][data-state="saved"]').waitFor();
      expect(await states(page)).toEqual(['saved', 'signed']);
      await emit(page, { type: 'signProgress', request: id, stage: { stage: 'verified' } });
      await page.locator('[data-testid="sign-progress-document"][data-state="verified"]').nth(1).waitFor();
      release();

      await page.getByTestId('sign-result').waitFor();
      expect(await page.getByTestId('sign-result-verdict').allInnerTexts()).toEqual([
        'Valid: intact, trusted, timestamped',
        'Valid: intact, trusted, timestamped',
      ]);
      expect(await page.getByTestId('sign-result-backup').innerText()).toBe(`/data/backups/${id}`);
      expect(await page.getByTestId('sign-result-deleted').innerText()).toBe('Deleted after the verified backup');
      expect(sign.codes).toEqual([RIGHT_CODE]);
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('sign-new').click();
      expect(await page.getByTestId('sign-given-name').inputValue()).toBe('');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('sends the signature box drawn on page 2 in points from the bottom-left, and one typed by keyboard', async () => {
    const admin = new FakeAdmin();
    admin.images = [
      { uid: 'img-sello', fileName: 'sello.png', mime: 'image/png', width: 400, height: 120, uploaded: '2025-03-07 10:00:00' },
    ];
    const { page, problems, sign, close } = await signScreen('en-US', new FakeSign(), admin);
    try {
      await toDocuments(page);
      sign.dialogAnswer = ['/home/officer/loan.pdf', '/home/officer/annex.pdf'];
      await page.getByTestId('sign-documents-choose').click();
      await page.getByTestId('sign-document-thumbnail').nth(1).waitFor();

      const loan = page.getByTestId('sign-document').nth(0);
      await loan.getByTestId('sign-visible-toggle').check();
      await loan.getByTestId('sign-visible-page').selectOption('1');
      const pageImage = loan.locator('[data-testid="sign-visible-page-image"][data-page="1"]');
      await pageImage.waitFor();
      // The fake renders 120 × 170 px for an A4 page of 595 × 842 pt.
      const shown = await pageImage.boundingBox();
      if (!shown) throw new Error('the page is not shown');
      expect([shown.width, shown.height]).toEqual([120, 170]);
      await page.mouse.move(shown.x + 20, shown.y + 100);
      await page.mouse.down();
      await page.mouse.move(shown.x + 60, shown.y + 120, { steps: 3 });
      await page.mouse.move(shown.x + 100, shown.y + 150, { steps: 3 });
      await page.mouse.up();
      const typed = async (field: string) => loan.getByTestId(`sign-visible-${field}`).inputValue();
      expect([await typed('x'), await typed('y'), await typed('width'), await typed('height')]).toEqual([
        '99',
        '99',
        '397',
        '248',
      ]);
      const drawn = await loan.getByTestId('sign-visible-box').boundingBox();
      expect(drawn && Math.round(drawn.x - shown.x)).toBe(20);
      await loan.getByTestId('sign-visible-image').selectOption('img-sello');

      // Without a mouse: the default box moved by typing its distance from the left.
      const annex = page.getByTestId('sign-document').nth(1);
      await annex.getByTestId('sign-visible-toggle').check();
      await annex.getByTestId('sign-visible-x').fill('40');
      await annex.getByTestId('sign-visible-x').press('Tab');
      expect(await annex.getByTestId('sign-visible-x').inputValue()).toBe('40');
      await annex.locator('[data-testid="sign-visible-page-image"][data-page="0"]').waitFor();
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('sign-start').click();
      await page.getByTestId('sign-review').waitFor();
      const started = sign.calls.find((call) => call.command === 'sign_start')?.payload as {
        draft: { documents: unknown[] };
      };
      expect(started.draft.documents).toEqual([
        {
          path: '/home/officer/loan.pdf',
          visibleSignature: { page: 1, position: '99, 99, 496, 347', image: 'img-sello' },
        },
        {
          path: '/home/officer/annex.pdf',
          visibleSignature: { page: 0, position: '40, 72, 240, 132', image: null },
        },
      ]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows station-core field issues in the officer language and keeps the officer on the form', async () => {
    const { page, problems, sign, close } = await signScreen('es-ES');
    try {
      await fillSigner(page);
      await page.getByTestId('sign-serial-number').fill('00000023X');
      await page.getByTestId('sign-email').fill('');
      await page.getByTestId('sign-serial-number').blur();
      await page.getByTestId('sign-issue-serialNumber').waitFor();
      expect(await page.getByTestId('sign-issue-serialNumber').innerText()).toBe(
        'La letra del DNI no corresponde a sus cifras: revise el número.',
      );
      await page.getByTestId('sign-signer-next').click();
      await page.getByTestId('sign-issue-email').waitFor();
      expect(await page.getByTestId('sign-issue-email').innerText()).toBe('Obligatorio.');
      expect(await page.getByTestId('sign-serial-number').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('sign-images').count()).toBe(0);
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('language-select').selectOption('pl');
      expect(await page.getByTestId('sign-issue-email').innerText()).toBe('Pole wymagane.');

      await page.getByTestId('sign-serial-number').fill('00000023T');
      await page.getByTestId('sign-email').fill('lucia.perez@example.org');
      await page.getByTestId('sign-signer-next').click();
      await page.getByTestId('sign-images').waitFor();
      expect(sign.calls.some((call) => call.command === 'sign_start')).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says a wrong code was refused, then signs with the right one', async () => {
    const sign = new FakeSign();
    sign.unfinished('code');
    const { page, problems, close } = await signScreen('en-US', sign);
    try {
      await page.getByTestId('sign-resume').click();
      await page.getByTestId('sign-code').waitFor();
      // The last code went out long ago: a new one can be sent at once.
      expect(await page.getByTestId('sign-code-resend').isDisabled()).toBe(false);
      await page.getByTestId('sign-code-input').fill('111111');
      await page.getByTestId('sign-code-submit').click();
      await page.getByTestId('sign-code-error').waitFor();
      expect(await page.getByTestId('sign-code-error').innerText()).toContain('workflow.wrong_code');
      expect(await page.getByTestId('sign-code-input').inputValue()).toBe('');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('sign-code-resend').click();
      await page.getByTestId('sign-code-resend-wait').waitFor();
      expect(await page.getByTestId('sign-code-error').count()).toBe(0);

      await page.getByTestId('sign-code-input').fill(RIGHT_CODE);
      await page.getByTestId('sign-code-submit').click();
      await page.getByTestId('sign-result').waitFor();
      expect(sign.codes).toEqual(['111111', RIGHT_CODE]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('resumes an unfinished request where it stopped, and can leave it again', async () => {
    const sign = new FakeSign();
    const waiting = sign.unfinished('review');
    const { page, problems, close } = await signScreen('en-US', sign);
    try {
      await page.getByTestId('sign-unfinished-row').waitFor();
      expect(await page.getByTestId('sign-unfinished-row').innerText()).toContain('Lucía Pérez');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('sign-resume').click();
      await page.getByTestId('sign-review').waitFor();
      expect(await page.getByTestId('sign-step-review').getAttribute('aria-current')).toBe('step');
      expect(sign.calls.filter((call) => call.command === 'sign_retry').map((call) => call.payload)).toEqual([
        { id: waiting.id },
      ]);

      await page.getByTestId('sign-leave').click();
      await page.getByTestId('sign-signer').waitFor();
      await page.getByTestId('sign-unfinished-row').waitFor();

      // A status change announced by the backend updates the request on screen.
      await page.getByTestId('sign-resume').click();
      await page.getByTestId('sign-review').waitFor();
      waiting.stage = 'code';
      await emit(page, {
        type: 'requestStatusChanged',
        request: waiting.id,
        phase: 'awaiting_officer',
        step: 'sign',
        serverStatus: 'ENROLLREADY',
      });
      await page.getByTestId('sign-code').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('offers to retry a failed request and cancels one after asking', async () => {
    const sign = new FakeSign();
    sign.unfinished('failed');
    const { page, problems, close } = await signScreen('en-US', sign);
    try {
      await page.getByTestId('sign-resume').click();
      await page.getByTestId('sign-review').waitFor();
      await page.getByTestId('sign-cancel').click();
      await page.getByTestId('confirm-accept').click();
      await page.getByTestId('sign-closed').waitFor();
      expect(await page.getByTestId('sign-closed').innerText()).toContain('Cancelled');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
