// Every screen, in both themes, has no serious or critical axe-core violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeAdmin } from './fake-admin';
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

const SCREENS = [
  ['nav-connection', 'screen-connection'],
  ['nav-sign', 'screen-sign'],
  ['nav-hash-sign', 'screen-hash-sign'],
  ['nav-videoid', 'screen-videoid'],
  ['nav-admin', 'screen-admin'],
  ['nav-audit', 'screen-audit'],
] as const;

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (colorScheme) => {
  it('finds no serious or critical violation on any screen', async () => {
    const backend = new FakeStation().signedIn();
    const phone = new FakeSandboxPhone();
    phone.inbox.push(message(7, '052174'));
    backend.screens.push(new FakeAdmin(), phone);
    const { page, problems, close } = await openStation(
      server.url,
      shim,
      backend.handle,
      'es-ES',
      { colorScheme },
    );
    try {
      for (const [nav, screen] of SCREENS) {
        await page.getByTestId(nav).click();
        await page.getByTestId(screen).waitFor();
        expect({ screen, problems: await axeProblems(page) }).toEqual({ screen, problems: [] });
      }
      await page.getByTestId('sandbox-phone-toggle').click();
      await page.getByTestId('sandbox-phone-message').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
