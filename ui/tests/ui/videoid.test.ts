import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { STATION_EVENT } from '../../src/lib/generated/bindings';
import { FakeStation } from './fake-station';
import { FakeVideoId } from './fake-videoid';
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

/** The station signed in, on the Video ID screen. */
async function videoIdScreen(videoId = new FakeVideoId(), locale = 'en-US', signedIn = true) {
  const backend = new FakeStation();
  if (signedIn) backend.signedIn();
  backend.screens.push(videoId);
  const opened = await openStation(server.url, shim, backend.handle, locale);
  await opened.page.getByTestId(signedIn ? 'screen-sign' : 'screen-connection').waitFor();
  await opened.page.getByTestId('nav-videoid').click();
  await opened.page.getByTestId('screen-videoid').waitFor();
  return { ...opened, backend, videoId };
}

const sent = (backend: FakeStation, command: string) =>
  backend.calls.filter((call) => call.command === command).map((call) => call.payload);

const rowCount = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.querySelectorAll('[data-testid="videoid-queue-row"]').length);

describe('Video ID screen', () => {
  it('asks for a sign-in first and leads to Connection', async () => {
    const { page, problems, close } = await videoIdScreen(new FakeVideoId(), 'en-US', false);
    try {
      await page.getByTestId('videoid-signin-required').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('videoid-go-connection').click();
      await page.getByTestId('screen-connection').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows an empty queue', async () => {
    const { page, problems, close } = await videoIdScreen();
    try {
      await page.getByTestId('videoid-queue-empty').waitFor();
      expect(await page.getByTestId('videoid-queue-empty').innerText()).toBe(
        'No Video ID request is open.',
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lists the queue longest-waiting first, filters, searches and sorts it', async () => {
    const videoId = new FakeVideoId();
    videoId.add(11, 'VIDEOPENDING', '2026-03-02T09:00:00Z', '1000');
    videoId.add(12, 'VIDEOREVIEW', '2026-03-01T09:00:00Z', '2000');
    videoId.add(13, 'VIDEOERROR', '2026-03-03T09:00:00Z', null);
    const { page, problems, close } = await videoIdScreen(videoId, 'es-ES');
    try {
      await page.getByTestId('videoid-queue').waitFor();
      const pks = () => page.getByTestId('videoid-queue-pk').allInnerTexts();
      expect(await pks()).toEqual(['12', '11', '13']);
      expect(await page.getByTestId('videoid-queue-status').allInnerTexts()).toEqual([
        'Lista para revisar',
        'Esperando al firmante',
        'Sesión fallida',
      ]);
      expect(await page.getByTestId('videoid-queue-ra').allInnerTexts()).toEqual(['2000', '1000', '—']);
      expect(await page.getByTestId('videoid-queue-count').innerText()).toBe('3 de 3 solicitudes');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('videoid-filter-status').selectOption('VIDEOREVIEW');
      expect(await pks()).toEqual(['12']);
      await page.getByTestId('videoid-filter-status').selectOption('');
      await page.getByTestId('videoid-filter-from').fill('2026-03-02');
      expect(await pks()).toEqual(['11', '13']);
      await page.getByTestId('videoid-filter-from').fill('');
      await page.getByTestId('videoid-filter-search').fill('2000');
      expect(await pks()).toEqual(['12']);
      await page.getByTestId('videoid-filter-search').fill('zzz');
      expect(await page.getByTestId('videoid-queue-empty').innerText()).toBe(
        'Ninguna solicitud coincide con los filtros.',
      );
      await page.getByTestId('videoid-filter-search').fill('');
      await page.getByTestId('videoid-sort').selectOption('pk');
      expect(await pks()).toEqual(['13', '12', '11']);
      await page.getByTestId('videoid-sort-direction').click();
      expect(await pks()).toEqual(['11', '12', '13']);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('renders only the visible part of 10,000 requests and finds any of them', async () => {
    const videoId = new FakeVideoId();
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 10_000; i += 1) {
      videoId.add(100_000 + i, i % 3 ? 'VIDEOPENDING' : 'VIDEOREVIEW', new Date(start + i * 60_000).toISOString());
    }
    const { page, problems, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue').waitFor();
      expect(await page.getByTestId('videoid-queue-count').innerText()).toBe('10,000 of 10,000 requests');
      expect(await page.getByTestId('videoid-queue').getAttribute('aria-rowcount')).toBe('10001');
      const rendered = await rowCount(page);
      expect(rendered).toBeGreaterThan(0);
      expect(rendered).toBeLessThan(100);
      expect(await page.getByTestId('videoid-queue-pk').first().innerText()).toBe('100000');

      // Scrolled to the end, the last (newest) request shows and the DOM stays small.
      await page.getByTestId('videoid-queue-viewport').evaluate((el) => {
        el.scrollTop = el.scrollHeight;
        el.dispatchEvent(new Event('scroll'));
      });
      await page.locator('[data-testid="videoid-queue-pk"]', { hasText: '109999' }).waitFor();
      expect(await rowCount(page)).toBeLessThan(100);

      await page.getByTestId('videoid-filter-search').fill('104321');
      expect(await page.getByTestId('videoid-queue-pk').allInnerTexts()).toEqual(['104321']);
      await page.getByTestId('videoid-filter-search').fill('');
      await page.getByTestId('videoid-filter-status').selectOption('VIDEOREVIEW');
      expect(await page.getByTestId('videoid-queue-count').innerText()).toBe('3,334 of 10,000 requests');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('follows the backend live and says when a request is ready for review', async () => {
    const videoId = new FakeVideoId();
    videoId.add(21);
    const { page, problems, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue-row').waitFor();
      expect(await page.getByTestId('videoid-queue-status').innerText()).toBe('Waiting for the signer');
      videoId.reachReview(21);
      await page.evaluate((event) => window.__stationEmit(event, { type: 'queueChanged' }), STATION_EVENT);
      await page.locator('[data-testid="videoid-queue-row"][data-status="VIDEOREVIEW"]').waitFor();
      expect(await page.getByTestId('videoid-ready').innerText()).toBe(
        'Request 21 (José Muñoz) is ready for review.',
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('creates an eIDAS request and offers its link to copy', async () => {
    const { page, backend, videoId, context, problems, close } = await videoIdScreen();
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByTestId('videoid-new').click();
      await page.getByTestId('videoid-create').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('videoid-create-email').fill('ana@example.com');
      await page.getByTestId('videoid-create-mobile').fill(' +34600123123 ');
      await page.getByTestId('videoid-create-ra').fill('1000');
      await page.getByTestId('videoid-create-submit').click();
      await page.getByTestId('videoid-created').waitFor();
      const draft = videoId.drafts[0];
      expect(draft?.kind).toBe('video_id_eidas');
      expect(draft?.signer.email).toBe('ana@example.com');
      expect(draft?.signer.mobilePhoneNumber).toBe('+34600123123');
      expect(draft?.options.registrationAuthority).toBe('1000');
      expect(draft?.options.evidence).toBeNull();
      expect(await page.getByTestId('videoid-created-pk').innerText()).toBe('500');
      const link = await page.getByTestId('videoid-created-link').innerText();
      expect(link).toBe('http://127.0.0.1:45123/sandbox/v1/videoid/500');
      await page.getByTestId('videoid-created-copy').click();
      await page.getByText('Copied.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      // The new request is in the queue (read again after creation).
      await page.locator('[data-testid="videoid-queue-pk"]', { hasText: '500' }).waitFor();
      expect(sent(backend, 'videoid_queue').length).toBeGreaterThanOrEqual(2);
      await page.getByTestId('videoid-created-review').click();
      await page.getByTestId('videoid-review').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('creates an external Video ID with its evidences', async () => {
    const videoId = new FakeVideoId();
    videoId.dialogAnswers = ['/evidence/front.jpg', '/evidence/session.mp4'];
    const { page, problems, close } = await videoIdScreen(videoId, 'pl-PL');
    try {
      await page.getByTestId('videoid-new').click();
      await page.getByTestId('videoid-create-mode-external').check();
      await page.getByTestId('videoid-create-evidence').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('videoid-create-email').fill('jan@example.com');
      await page.getByTestId('videoid-create-mobile').fill('+48600111222');
      await page.getByTestId('videoid-create-documentFront').click();
      await page.getByTestId('videoid-create-documentFront-path').getByText('/evidence/front.jpg').waitFor();
      await page.getByTestId('videoid-create-video').click();
      await page.getByTestId('videoid-create-video-path').getByText('/evidence/session.mp4').waitFor();
      // A typed path, confirmed with Enter, which must not send the request yet.
      await page.getByTestId('videoid-create-documentOwner-typed').fill(' /evidence/owner.png ');
      await page.getByTestId('videoid-create-documentOwner-typed').press('Enter');
      await page.getByTestId('videoid-create-documentOwner-path').getByText('/evidence/owner.png').waitFor();
      expect(videoId.drafts).toHaveLength(0);
      await page.getByTestId('videoid-create-document-typed').fill('/docs/loan.pdf');
      await page.getByTestId('videoid-create-document-use').click();
      await page.getByTestId('videoid-ocr-given-name').fill('Jan');
      await page.getByTestId('videoid-ocr-surname1').fill('Kowalski');
      await page.getByTestId('videoid-ocr-serial').fill('ABC123456');
      await page.getByTestId('videoid-ocr-country').fill('pl');
      await page.getByTestId('videoid-create-similarity').fill('high');
      await page.getByTestId('videoid-create-check-liveliness').selectOption('passed');
      await page.getByTestId('videoid-create-check-documentNotcopy').selectOption('failed');
      await page.getByTestId('videoid-create-submit').click();
      await page.getByTestId('videoid-created').waitFor();
      const evidence = videoId.drafts[0]?.options.evidence;
      expect(videoId.drafts[0]?.kind).toBe('video_id_external');
      expect(evidence?.documentFront).toBe('/evidence/front.jpg');
      expect(evidence?.documentRear).toBeNull();
      expect(evidence?.documentOwner).toBe('/evidence/owner.png');
      expect(videoId.drafts[0]?.documents).toEqual([{ path: '/docs/loan.pdf', visibleSignature: null }]);
      expect(evidence?.video).toBe('/evidence/session.mp4');
      expect(evidence?.ocr).toEqual({
        givenName: 'Jan',
        surname1: 'Kowalski',
        surname2: null,
        serialNumber: 'ABC123456',
        mobilePhoneNumber: '+48600111222',
        email: 'jan@example.com',
        idDocumentCountry: 'PL',
      });
      expect(evidence?.securityChecks.liveliness).toBe(true);
      expect(evidence?.securityChecks.documentNotcopy).toBe(false);
      expect(evidence?.securityChecks.otpValidation).toBeNull();
      expect(evidence?.similarityLevel).toBe('high');
      expect(await page.getByTestId('videoid-created-link').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows the review with mismatches, checks and similarity, then approves after confirmation', async () => {
    const videoId = new FakeVideoId();
    const view = videoId.add(31, 'VIDEOREVIEW');
    const { page, backend, problems, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue-open').click();
      await page.getByTestId('videoid-review-comparison').waitFor();
      expect(await page.getByTestId('videoid-review-picture').count()).toBe(2);
      const frame = page.getByTestId('videoid-review-picture').first();
      expect(await frame.getByTestId('videoid-review-picture-image').getAttribute('data-zoom')).toBe('1');
      await frame.getByTestId('videoid-review-zoom-in').click();
      await frame.getByTestId('videoid-review-zoom-in').click();
      expect(await frame.getByTestId('videoid-review-picture-image').getAttribute('data-zoom')).toBe('2');
      expect(await frame.getByTestId('videoid-review-zoom-level').innerText()).toBe('200 %');

      const field = (name: string) => page.locator(`[data-testid="videoid-review-field"][data-field="${name}"]`);
      expect(await field('givenName').getAttribute('data-agreement')).toBe('same');
      expect(await field('surname1').getAttribute('data-agreement')).toBe('different');
      expect(await field('mobilePhoneNumber').getAttribute('data-agreement')).toBe('same');
      expect(await field('surname1').getByTestId('videoid-review-read').innerText()).toBe('MUÑIZ');
      expect(await page.getByTestId('videoid-review-mismatches').innerText()).toContain('1 field(s)');

      const check = (name: string) => page.locator(`[data-testid="videoid-review-check"][data-check="${name}"]`);
      expect(await check('documentsMatch').getAttribute('data-outcome')).toBe('passed');
      expect(await check('documentNotcopy').getAttribute('data-outcome')).toBe('failed');
      expect(await check('liveliness').getAttribute('data-outcome')).toBe('notMade');
      expect(await page.getByTestId('videoid-review-similarity-value').innerText()).toBe('64 / 100');
      expect(await page.getByTestId('videoid-review-similarity-meter').getAttribute('value')).toBe('64');

      await page.getByTestId('videoid-review-load-video').click();
      await page.getByTestId('videoid-review-no-video').waitFor();
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('videoid-approve').click();
      expect(await page.getByTestId('confirm-title').innerText()).toBe(
        'Approve the identification of request 31?',
      );
      await page.getByTestId('confirm-cancel').click();
      expect(sent(backend, 'videoid_approve')).toEqual([]);
      await page.getByTestId('videoid-approve').click();
      await page.getByTestId('confirm-accept').click();
      await page.getByTestId('videoid-queue-empty').waitFor();
      expect(sent(backend, 'videoid_approve')).toEqual([{ id: view.id }]);
      expect(await page.getByTestId('videoid-review-status').innerText()).toContain('Approved');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('plays the video of an external Video ID', async () => {
    const videoId = new FakeVideoId();
    const view = videoId.add(35, 'VIDEOREVIEW');
    const review = videoId.reviews.get(view.id);
    if (review) videoId.reviews.set(view.id, { ...review, video: 'station' });
    const { page, backend, problems, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue-open').click();
      await page.getByTestId('videoid-review-load-video').click();
      const video = page.getByTestId('videoid-review-video');
      await video.waitFor();
      expect(await video.getAttribute('src')).toMatch(/^blob:/);
      expect(sent(backend, 'videoid_video')).toEqual([{ id: view.id }]);
      // The app's CSP lets the webview play it (a refused blob: would be logged).
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('corrects the signer data from what was read, then compares again', async () => {
    const videoId = new FakeVideoId();
    videoId.add(36, 'VIDEOREVIEW');
    const { page, problems, close } = await videoIdScreen(videoId, 'es-ES');
    try {
      await page.getByTestId('videoid-queue-open').click();
      const surname = page.locator('[data-testid="videoid-review-field"][data-field="surname1"]');
      await surname.waitFor();
      expect(await surname.getAttribute('data-agreement')).toBe('different');
      await page.getByTestId('videoid-correct-open').click();
      // The form starts from the document as read.
      expect(await page.getByTestId('videoid-correct-surname1').inputValue()).toBe('MUÑIZ');
      expect(await page.getByTestId('videoid-correct-email').inputValue()).toBe('jose@example.com');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('videoid-correct-birthDate').fill('1980-05-04');
      await page.getByTestId('videoid-correct-surname2').fill('');
      await page.getByTestId('videoid-correct-submit').click();
      await page.getByTestId('videoid-correct').waitFor({ state: 'detached' });
      expect(videoId.corrections).toEqual([
        {
          givenName: 'JOSE',
          surname1: 'MUÑIZ',
          surname2: null,
          serialNumber: '12345678Z',
          birthDate: '1980-05-04',
          countryName: 'ES',
          email: 'jose@example.com',
          mobilePhoneNumber: '+34600111222',
        },
      ]);
      await page.locator('[data-testid="videoid-review-field"][data-field="surname1"][data-agreement="same"]').waitFor();
      expect(await page.getByTestId('videoid-review-mismatches').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('refuses only with a reason, offering common ones', async () => {
    const videoId = new FakeVideoId();
    const view = videoId.add(41, 'VIDEOREVIEW');
    const { page, backend, problems, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue-open').click();
      await page.getByTestId('videoid-refuse').click();
      await page.getByTestId('videoid-refuse-dialog').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('videoid-refuse-confirm').click();
      expect(await page.getByTestId('videoid-refuse-hint').innerText()).toBe(
        'A reason is required to refuse.',
      );
      expect(sent(backend, 'videoid_refuse')).toEqual([]);
      await page.getByTestId('videoid-refuse-common-face').click();
      expect(await page.getByTestId('videoid-refuse-reason').inputValue()).toBe(
        'The face does not match the document photo.',
      );
      await page.getByTestId('videoid-refuse-confirm').click();
      await page.getByTestId('videoid-review-outcome').waitFor();
      expect(sent(backend, 'videoid_refuse')).toEqual([
        { id: view.id, reason: 'The face does not match the document photo.' },
      ]);
      expect(await page.getByTestId('videoid-review-outcome').innerText()).toBe(
        'This request is closed: Refused.',
      );
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('cancels a request still waiting for the signer, and cannot approve it yet', async () => {
    const videoId = new FakeVideoId();
    const view = videoId.add(51);
    const { page, backend, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue-open').click();
      await page.getByTestId('videoid-review-waiting').waitFor();
      expect(await page.getByTestId('videoid-approve').isDisabled()).toBe(true);
      expect(await page.getByTestId('videoid-review-link').innerText()).toContain('/videoid/51');
      await page.getByTestId('videoid-cancel').click();
      expect(await page.getByTestId('confirm-title').innerText()).toBe('Cancel request 51?');
      await page.getByTestId('confirm-accept').click();
      await page.getByTestId('videoid-review-outcome').waitFor();
      expect(sent(backend, 'videoid_cancel')).toEqual([{ id: view.id }]);
      await page.getByTestId('videoid-queue-empty').waitFor();
    } finally {
      await close();
    }
  });

  it('says what went wrong when the Optimizer refuses the decision', async () => {
    const videoId = new FakeVideoId();
    videoId.add(61, 'VIDEOREVIEW');
    videoId.failures.videoid_approve = {
      code: 'optimizer.unreachable',
      message: 'approve: connect error',
      details: null,
    };
    const { page, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue-open').click();
      await page.getByTestId('videoid-approve').click();
      await page.getByTestId('confirm-accept').click();
      // Another screen's error may show first: wait for this one.
      await page.getByTestId('error-code').getByText('optimizer.unreachable', { exact: true }).waitFor();
      expect(await page.getByTestId('videoid-queue-row').count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('moves between requests and decides from the keyboard', async () => {
    const videoId = new FakeVideoId();
    videoId.add(71, 'VIDEOREVIEW', '2026-03-01T09:00:00Z');
    videoId.add(72, 'VIDEOREVIEW', '2026-03-02T09:00:00Z');
    const { page, close } = await videoIdScreen(videoId);
    try {
      await page.getByTestId('videoid-queue').waitFor();
      await page.keyboard.press('Alt+ArrowDown');
      await page.getByText('Review of request 71').waitFor();
      await page.keyboard.press('Alt+ArrowDown');
      await page.getByText('Review of request 72').waitFor();
      await page.keyboard.press('Alt+ArrowUp');
      await page.getByText('Review of request 71').waitFor();
      await page.getByTestId('videoid-approve').waitFor();
      await page.keyboard.press('Alt+a');
      expect(await page.getByTestId('confirm-title').innerText()).toBe(
        'Approve the identification of request 71?',
      );
      await page.getByTestId('confirm-cancel').click();
      await page.keyboard.press('Alt+r');
      await page.getByTestId('videoid-refuse-reason').waitFor();
      expect(await page.getByTestId('videoid-refuse-dialog').getAttribute('open')).not.toBeNull();
    } finally {
      await close();
    }
  });
});
