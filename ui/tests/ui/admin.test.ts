import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeAdmin, OTHER_TOKEN } from './fake-admin';
import { FakeStation, SANDBOX_VERSION } from './fake-station';
import { axeProblems, mockIpcScript, openStation, serveDist, type OpenOptions } from './harness';

let server: Awaited<ReturnType<typeof serveDist>>;
let shim: string;

beforeAll(async () => {
  server = await serveDist();
  shim = await mockIpcScript();
});

afterAll(async () => {
  await server?.close();
});

/** The station signed in, on the Administration screen. */
async function adminScreen(
  locale = 'en-US',
  admin = new FakeAdmin(),
  options: OpenOptions = {},
  signedIn = true,
) {
  const backend = new FakeStation();
  if (signedIn) backend.signedIn();
  backend.screens.push(admin);
  const opened = await openStation(server.url, shim, backend.handle, locale, options);
  await opened.page.getByTestId(signedIn ? 'screen-sign' : 'screen-connection').waitFor();
  await opened.page.getByTestId('nav-admin').click();
  await opened.page.getByTestId('screen-admin').waitFor();
  return { ...opened, backend, admin };
}

const sent = (backend: FakeStation, command: string) =>
  backend.calls.filter((call) => call.command === command).map((call) => call.payload);

describe('Administration screen', () => {
  it('asks for a sign-in first and leads to Connection', async () => {
    const { page, problems, close } = await adminScreen('en-US', new FakeAdmin(), {}, false);
    try {
      await page.getByTestId('admin-signin-required').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('admin-go-connection').click();
      await page.getByTestId('screen-connection').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows the health of the Optimizer with round trips in the officer language', async () => {
    const { page, problems, close } = await adminScreen('es-ES');
    try {
      await page.getByTestId('admin-health-version').waitFor();
      expect(await page.getByTestId('admin-health-version').innerText()).toBe(SANDBOX_VERSION);
      expect(await page.getByTestId('admin-health-name').innerText()).toBe('OneShot Optimizer');
      // 1234 ms grouped the Spanish way.
      expect(await page.getByTestId('admin-health-hello-ms').innerText()).toBe('1234 ms');
      expect(await page.getByTestId('admin-health-up').innerText()).toBe('El Optimizer responde.');
      await page.getByTestId('language-select').selectOption('en');
      expect(await page.getByTestId('admin-health-hello-ms').innerText()).toBe('1,234 ms');
      expect(await axeProblems(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says what went wrong when the Optimizer does not answer', async () => {
    const admin = new FakeAdmin();
    admin.failures.admin_health = {
      code: 'optimizer.unreachable',
      message: 'hello: connect error',
      details: null,
    };
    const { page, close } = await adminScreen('en-US', admin);
    try {
      await page.getByTestId('error-banner').waitFor();
      expect(await page.getByTestId('error-code').innerText()).toBe('optimizer.unreachable');
      expect(await page.getByTestId('error-message').innerText()).toContain('cannot be reached');
      expect(await page.getByTestId('admin-health-version').count()).toBe(0);
      delete admin.failures.admin_health;
      await page.getByTestId('admin-health-check').click();
      await page.getByTestId('admin-health-version').waitFor();
      expect(await page.getByTestId('error-banner').count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('saves only the changed settings and replaces the billing password without showing it', async () => {
    const { page, backend, problems, close } = await adminScreen();
    try {
      await page.getByTestId('admin-tab-settings').click();
      const ra = page.getByTestId('admin-settings-ra');
      await ra.waitFor();
      expect(await ra.inputValue()).toBe('1000');
      expect(await page.getByTestId('admin-settings-billing-status').innerText()).toContain(
        'A billing password is set',
      );
      expect(await page.getByTestId('admin-settings-billing-password').count()).toBe(0);
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('admin-settings-save').click();
      expect(await page.getByTestId('admin-settings-outcome').innerText()).toBe(
        'Nothing has changed.',
      );
      expect(sent(backend, 'admin_update_settings')).toEqual([]);

      await ra.fill('2000');
      await page.getByTestId('admin-settings-billing-replace').click();
      await page.getByTestId('admin-settings-billing-password').fill('new-billing-pw');
      await page.getByTestId('admin-settings-save').click();
      await page.getByTestId('admin-settings-billing-in-vault').waitFor();
      expect(sent(backend, 'admin_update_settings')).toEqual([
        { update: { defaultRa: '2000', billingPassword: 'new-billing-pw' } },
      ]);
      expect(await page.getByTestId('admin-settings-outcome').innerText()).toBe('Settings saved.');
      expect(await page.getByTestId('admin-settings-billing-password').count()).toBe(0);
      expect(await page.content()).not.toContain('new-billing-pw');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('asks before switching the Optimizer to production', async () => {
    const { page, backend, close } = await adminScreen();
    try {
      await page.getByTestId('admin-tab-settings').click();
      await page.getByTestId('admin-settings-environment').selectOption('prod');
      await page.getByTestId('admin-settings-save').click();
      await page.getByTestId('confirm-accept').waitFor();
      expect(await page.getByTestId('confirm-title').innerText()).toBe('Switch to production?');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('confirm-cancel').click();
      expect(sent(backend, 'admin_update_settings')).toEqual([]);

      await page.getByTestId('admin-settings-save').click();
      await page.getByTestId('confirm-accept').click();
      await page.getByTestId('admin-settings-outcome').waitFor();
      expect(sent(backend, 'admin_update_settings')).toEqual([{ update: { environment: 'prod' } }]);
    } finally {
      await close();
    }
  });

  it('lists tokens, explains why the demo token stays and deletes another after confirmation', async () => {
    const { page, backend, problems, close } = await adminScreen();
    try {
      await page.getByTestId('admin-tab-tokens').click();
      await page.getByTestId('admin-tokens-list').waitFor();
      const rows = page.getByTestId('admin-token-row');
      expect(await rows.count()).toBe(2);
      const demo = rows.nth(0);
      expect(await demo.getByTestId('admin-token-delete').count()).toBe(0);
      expect(await demo.getByTestId('admin-token-protection').innerText()).toContain(
        'Demo token of the embedded sandbox',
      );
      expect(await demo.getByTestId('admin-token-in-use').count()).toBe(1);
      expect(await axeProblems(page)).toEqual([]);

      const other = rows.nth(1);
      await other.getByTestId('admin-token-delete').click();
      expect(await page.getByTestId('confirm-body').innerText()).toContain('7700001');
      await page.getByTestId('confirm-accept').click();
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="admin-token-row"]').length === 1,
      );
      expect(sent(backend, 'admin_delete_token')).toEqual([{ id: OTHER_TOKEN.id }]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('creates a token, shows its value once and looks tokens up', async () => {
    const { page, backend, context, close } = await adminScreen('pl-PL');
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.getByTestId('admin-tab-tokens').click();
      await page.getByTestId('admin-token-create').click();
      await page.getByTestId('error-banner').waitFor();
      expect(await page.getByTestId('error-code').innerText()).toBe('input.required');

      await page.getByTestId('admin-token-create-username').fill('1125824');
      await page.getByTestId('admin-token-create-pin').fill('112233');
      await page.getByTestId('admin-token-create').click();
      await page.getByTestId('admin-token-created').waitFor();
      expect(await page.getByTestId('admin-token-created-value').innerText()).toBe(
        'abcd1234abcd1234abcd1234abcd7890',
      );
      expect(sent(backend, 'admin_create_token').at(-1)).toEqual({
        request: { username: '1125824', password: '', pin: '112233', environment: null },
      });
      await page.getByTestId('admin-token-created-copy').click();
      await page.getByText('Skopiowano.').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        'abcd1234abcd1234abcd1234abcd7890',
      );
      await page.waitForFunction(
        () => document.querySelectorAll('[data-testid="admin-token-row"]').length === 3,
      );
      await page.getByTestId('admin-token-created-dismiss').click();
      expect(await page.getByTestId('admin-token-created-value').count()).toBe(0);

      await page.getByTestId('admin-token-lookup-input').fill(`full-${OTHER_TOKEN.id}`);
      await page.getByTestId('admin-token-lookup').click();
      expect(await page.getByTestId('admin-token-lookup-result').innerText()).toBe(
        'Token 9c1e…02ab należy do operatora 7700001 i zawiera: PIN.',
      );
      expect(await page.getByTestId('admin-token-lookup-input').inputValue()).toBe('');
    } finally {
      await close();
    }
  });

  it('shows the empty token list', async () => {
    const admin = new FakeAdmin();
    admin.tokens = [];
    const { page, close } = await adminScreen('en-US', admin);
    try {
      await page.getByTestId('admin-tab-tokens').click();
      expect(await page.getByTestId('admin-tokens-empty').innerText()).toBe(
        'The Optimizer holds no tokens.',
      );
    } finally {
      await close();
    }
  });

  it('adds, shows and deletes metadata, keeping the input after a refusal', async () => {
    const { page, backend, problems, close } = await adminScreen('en-US', new FakeAdmin(), {
      colorScheme: 'dark',
    });
    try {
      await page.getByTestId('admin-tab-metadata').click();
      await page.getByTestId('admin-metadata-empty').waitFor();
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('admin-metadata-oid').fill('1.3.six');
      await page.getByTestId('admin-metadata-text').fill('Oficina 12');
      await page.getByTestId('admin-metadata-add').click();
      await page.getByTestId('error-banner').waitFor();
      expect(await page.getByTestId('error-code').innerText()).toBe('admin.invalid_oid');
      expect(await page.getByTestId('error-message').innerText()).toContain('numbers separated by dots');
      expect(await page.getByTestId('admin-metadata-text').inputValue()).toBe('Oficina 12');

      await page.getByTestId('admin-metadata-oid').fill('1.3.6.1.4.1.47289.100.2.9');
      await page.getByTestId('admin-metadata-add').click();
      await page.getByTestId('admin-metadata-row').waitFor();
      expect(await page.getByTestId('error-banner').count()).toBe(0);
      expect(await page.getByTestId('admin-metadata-value').innerText()).toBe('Oficina 12');

      await page.getByTestId('admin-metadata-show').click();
      await page.getByTestId('admin-metadata-detail').waitFor();
      expect(await page.getByTestId('admin-metadata-detail').innerText()).toContain('T2ZpY2luYSAxMg==');
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('admin-metadata-delete-all').click();
      expect(await page.getByTestId('confirm-body').innerText()).toContain('All 1 metadata');
      await page.getByTestId('confirm-accept').click();
      await page.getByTestId('admin-metadata-empty').waitFor();
      expect(sent(backend, 'admin_delete_all_metadata')).toHaveLength(1);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('uploads, previews and deletes signature images', async () => {
    const { page, backend, problems, close } = await adminScreen('es-ES');
    try {
      await page.getByTestId('admin-tab-images').click();
      await page.getByTestId('admin-images-empty').waitFor();
      await page.getByTestId('admin-image-upload').click();
      await page.getByTestId('admin-image-row').waitFor();
      expect(sent(backend, 'admin_add_signature_image')).toEqual([
        { path: '/home/officer/firma.png' },
      ]);
      expect(await page.getByTestId('admin-image-name').innerText()).toBe('firma.png');

      await page.getByTestId('admin-image-preview').click();
      const img = page.getByTestId('admin-image-preview-img');
      await img.waitFor();
      expect(await img.getAttribute('alt')).toBe('Vista previa de firma.png');
      expect(await img.evaluate((node) => (node as HTMLImageElement).naturalWidth)).toBe(1);
      expect(await axeProblems(page)).toEqual([]);

      await page.getByTestId('admin-image-delete').click();
      await page.getByTestId('confirm-cancel').click();
      expect(await page.getByTestId('admin-image-row').count()).toBe(1);
      await page.getByTestId('admin-image-delete').click();
      await page.getByTestId('confirm-accept').click();
      await page.getByTestId('admin-images-empty').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('reports a refused picture with its code', async () => {
    const admin = new FakeAdmin();
    admin.dialogAnswer = '/home/officer/firma.gif';
    const { page, close } = await adminScreen('en-US', admin);
    try {
      await page.getByTestId('admin-tab-images').click();
      await page.getByTestId('admin-image-upload').click();
      await page.getByTestId('error-banner').waitFor();
      expect(await page.getByTestId('error-code').innerText()).toBe('admin.signature_image');
      expect(await page.getByTestId('admin-images-empty').count()).toBe(1);
    } finally {
      await close();
    }
  });

  it('moves between tabs with the keyboard', async () => {
    const { page, close } = await adminScreen();
    try {
      await page.getByTestId('admin-tab-health').focus();
      await page.keyboard.press('ArrowRight');
      expect(await page.getByTestId('admin-tab-settings').getAttribute('aria-selected')).toBe(
        'true',
      );
      await page.keyboard.press('End');
      expect(await page.getByTestId('admin-tab-images').getAttribute('aria-selected')).toBe('true');
      await page.keyboard.press('ArrowRight');
      expect(await page.getByTestId('admin-tab-health').getAttribute('aria-selected')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
        'admin-tab-health',
      );
    } finally {
      await close();
    }
  });
});
