import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CONNECTION_CHANGED_EVENT } from '../../src/lib/generated/bindings';
import { FakeStation, SANDBOX_VERSION } from './fake-station';
import { mockIpcScript, openStation, serveDist } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let shim: string;

beforeAll(async () => {
  server = await serveDist();
  shim = await mockIpcScript();
});

afterAll(async () => {
  await server?.close();
});

async function station(locale = 'en-US', backend = new FakeStation()) {
  const opened = await openStation(server.url, shim, backend.handle, locale);
  await opened.page.getByTestId('screen-connection').waitFor();
  return { ...opened, backend };
}

describe('Connection screen', () => {
  it('opens on Connection in sandbox mode and switches language es / en / pl', async () => {
    const { page, problems, close } = await station('en-US');
    try {
      await page.getByTestId('sandbox-banner').waitFor();
      expect(await page.getByTestId('sandbox-banner').innerText()).toContain('no legal value');
      expect(await page.getByTestId('nav-connection').innerText()).toBe('Connection');
      expect(await page.getByTestId('connection-test').innerText()).toBe('Test connection');

      const select = page.getByTestId('language-select');
      await select.selectOption('es');
      expect(await page.getByTestId('nav-connection').innerText()).toBe('Conexión');
      expect(await page.getByTestId('connection-test').innerText()).toBe('Probar conexión');
      expect(await page.getByTestId('sandbox-banner').innerText()).toContain('validez legal');
      expect(await page.locator('html').getAttribute('lang')).toBe('es');

      await select.selectOption('pl');
      expect(await page.getByTestId('nav-connection').innerText()).toBe('Połączenie');
      expect(await page.getByTestId('connection-test').innerText()).toBe('Testuj połączenie');
      expect(await page.getByTestId('signin-status').innerText()).toBe(
        'Żaden operator nie jest zalogowany.',
      );

      await select.selectOption('en');
      expect(await page.getByTestId('nav-sign').innerText()).toBe('Sign');

      // The choice survives a reload.
      await select.selectOption('pl');
      await page.reload();
      await page.getByTestId('screen-connection').waitFor();
      expect(await page.getByTestId('nav-connection').innerText()).toBe('Połączenie');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('starts in the OS language', async () => {
    const { page, close } = await station('es-ES');
    try {
      expect(await page.getByTestId('nav-hash-sign').innerText()).toBe('Firma de hash');
      expect(await page.getByTestId('language-select').inputValue()).toBe('es');
    } finally {
      await close();
    }
  });

  it('shows hello and version from the backend after a connection test', async () => {
    const { page, problems, backend, close } = await station();
    try {
      await page.getByTestId('connection-test').click();
      await page.getByTestId('connection-version').waitFor();
      expect(await page.getByTestId('connection-hello').innerText()).toBe('Hello');
      expect(await page.getByTestId('connection-version').innerText()).toBe(SANDBOX_VERSION);
      expect(await page.getByTestId('connection-optimizer-name').innerText()).toBe(
        'OneShot Optimizer',
      );
      expect(backend.calls.map((call) => call.command)).toContain('test_connection');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows a backend error as a localized message with its code', async () => {
    const backend = new FakeStation();
    backend.testFailure = {
      code: 'optimizer.unreachable',
      message: 'hello: Connect error talking to the Optimizer',
      details: null,
    };
    const { page, close } = await station('en-US', backend);
    try {
      await page.getByTestId('connection-test').click();
      const banner = page.getByTestId('error-banner');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('The Optimizer cannot be reached.');
      expect(await page.getByTestId('error-code').innerText()).toBe('optimizer.unreachable');

      await page.getByTestId('language-select').selectOption('es');
      expect(await banner.innerText()).toContain('No se puede contactar con el Optimizer.');
      expect(await page.getByTestId('error-code').innerText()).toBe('optimizer.unreachable');

      await page.getByTestId('error-dismiss').click();
      await banner.waitFor({ state: 'detached' });
    } finally {
      await close();
    }
  });

  it('signs in with a token, sends it to the backend and lists tokens', async () => {
    const { page, backend, problems, close } = await station();
    try {
      await page.getByTestId('signin-method-token').check();
      await page.getByTestId('signin-token').fill('not-a-token');
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('error-banner').waitFor();
      expect(await page.getByTestId('error-code').innerText()).toBe('signin.unknown_token');
      // A refused sign-in keeps what was typed.
      expect(await page.getByTestId('signin-token').inputValue()).toBe('not-a-token');

      await page.getByTestId('signin-token').fill('fd6a21e6fb7d43b9893a520d67d6ff60');
      await page.getByTestId('signin-submit').click();
      await page.getByTestId('signout').waitFor();
      expect(await page.getByTestId('signin-status').innerText()).toBe(
        'Signed in as RAO 1125824 with a token.',
      );
      expect(await page.getByTestId('error-banner').count()).toBe(0);
      expect(await page.getByTestId('signin-token').inputValue()).toBe('');
      expect(backend.calls.find((call) => call.command === 'sign_in')?.payload).toEqual({
        request: { method: 'token', token: 'not-a-token' },
      });

      await page.getByTestId('tokens-refresh').click();
      await page.getByTestId('tokens-list').waitFor();
      expect(await page.getByTestId('token-row').count()).toBe(2);
      expect(await page.getByTestId('tokens-list').innerText()).toContain('In use');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('applies connection-changed events from the backend', async () => {
    const backend = new FakeStation();
    backend.overview = { ...backend.overview, sandbox: { state: 'starting' } };
    const { page, close } = await station('en-US', backend);
    try {
      expect(await page.getByTestId('sandbox-status').innerText()).toBe(
        'Embedded sandbox: starting…',
      );
      await page.evaluate(
        ([event, overview]) => window.__stationEmit(event as string, overview),
        [
          CONNECTION_CHANGED_EVENT,
          { ...backend.overview, sandbox: { state: 'running', url: 'http://127.0.0.1:45999' } },
        ],
      );
      await page.getByText('Embedded sandbox: running at http://127.0.0.1:45999.').waitFor();
    } finally {
      await close();
    }
  });
});
