import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeSandboxPhone, message } from './fake-sandbox-phone';
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

async function station(phone = new FakeSandboxPhone(), backend = new FakeStation(), locale = 'en-US') {
  backend.screens.push(phone);
  const opened = await openStation(server.url, shim, backend.handle, locale);
  await opened.page.getByTestId('screen-connection').waitFor();
  return { ...opened, backend, phone };
}

describe('Sandbox phone', () => {
  it('is offered only in sandbox mode', async () => {
    const backend = new FakeStation();
    backend.overview = {
      ...backend.overview,
      optimizer: {
        mode: 'remote',
        url: 'https://optimizer.example:8443',
        caPemPath: null,
        clientCertPath: null,
        clientKeyPath: null,
      },
      sandbox: { state: 'stopped' },
    };
    const { page, close } = await station(new FakeSandboxPhone(), backend);
    try {
      expect(await page.getByTestId('sandbox-phone-toggle').count()).toBe(0);
      expect(await page.getByTestId('sandbox-banner').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('shows the empty inbox, then new messages as they arrive', async () => {
    const { page, phone, problems, close } = await station();
    try {
      await page.getByTestId('sandbox-phone-toggle').click();
      await page.getByTestId('sandbox-phone-empty').waitFor();
      expect(await axeProblems(page)).toEqual([]);

      phone.inbox.push(message(7, '052174'));
      phone.inbox.push(message(7, '913300', 'whatsapp'));
      // Live: the panel reads the inbox again by itself.
      await page.getByTestId('sandbox-phone-message').nth(1).waitFor({ timeout: 10_000 });
      const first = page.getByTestId('sandbox-phone-message').first();
      expect(await first.getByTestId('sandbox-phone-code').innerText()).toBe('913300');
      expect(await first.innerText()).toContain('WhatsApp');
      expect(await first.innerText()).toContain('to +34600111222');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('sandbox-phone-close').click();
      expect(await page.getByTestId('sandbox-phone').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('filters by request and plays the Video ID outcomes', async () => {
    const phone = new FakeSandboxPhone();
    phone.inbox.push(message(7, '052174'), message(8, '111111'));
    const { page, backend, close } = await station(phone, new FakeStation(), 'es-ES');
    try {
      await page.getByTestId('sandbox-phone-toggle').click();
      await page.getByTestId('sandbox-phone-message').nth(1).waitFor();
      for (const outcome of ['review', 'incomplete', 'error']) {
        expect(await page.getByTestId(`sandbox-phone-outcome-${outcome}`).isDisabled()).toBe(true);
      }

      await page.getByTestId('sandbox-phone-request').fill('8');
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="sandbox-phone-message"]').length === 1,
      );
      expect(await page.getByTestId('sandbox-phone-code').innerText()).toBe('111111');
      expect(backend.calls.some((call) => JSON.stringify(call.payload) === '{"request":8}')).toBe(
        true,
      );

      await page.getByTestId('sandbox-phone-outcome-review').click();
      expect(await page.getByTestId('sandbox-phone-played').innerText()).toBe(
        'La solicitud 8 espera ahora la revisión.',
      );
      await page.getByTestId('sandbox-phone-outcome-incomplete').click();
      await page.getByText('La solicitud 8 queda incompleta.').waitFor();
      expect(phone.played).toEqual([
        { pk: 8, outcome: 'review' },
        { pk: 8, outcome: 'incomplete' },
      ]);

      await page.getByTestId('sandbox-phone-request').fill('8x');
      expect(await page.getByTestId('sandbox-phone-outcome-error').isDisabled()).toBe(true);
      expect(await page.getByTestId('sandbox-phone-request').getAttribute('aria-invalid')).toBe(
        'true',
      );
    } finally {
      await close();
    }
  });

  it("reports the sandbox's refusal with its code", async () => {
    const phone = new FakeSandboxPhone();
    phone.playFailure = {
      code: 'sandbox_phone.failed',
      message: 'sandbox phone: HTTP 412: Request 9 is in VIDEOREVIEW status',
      details: 'HTTP 412: Request 9 is in VIDEOREVIEW status: no Video ID session is open',
    };
    const { page, close } = await station(phone);
    try {
      await page.getByTestId('sandbox-phone-toggle').click();
      await page.getByTestId('sandbox-phone-request').fill('9');
      await page.getByTestId('sandbox-phone-outcome-error').click();
      await page.getByTestId('error-banner').waitFor();
      expect(await page.getByTestId('error-code').innerText()).toBe('sandbox_phone.failed');
      expect(await page.getByTestId('error-details').innerText()).toContain('VIDEOREVIEW');
      expect(await page.getByTestId('sandbox-phone-played').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
