import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { FakeStation } from './fake-station';
import { FakeSign, RIGHT_CODE } from './fake-sign';
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

/** The station signed in, on the Hash sign screen. */
async function hashSignScreen(locale = 'en-US', sign = new FakeSign()) {
  const backend = new FakeStation().signedIn();
  backend.screens.push(sign);
  const opened = await openStation(server.url, shim, backend.handle, locale);
  await opened.page.getByTestId('screen-sign').waitFor();
  await opened.page.getByTestId('nav-hash-sign').click();
  await opened.page.getByTestId('screen-hash-sign').waitFor();
  return { ...opened, backend, sign };
}

async function toFiles(page: Page) {
  await page.getByTestId('sign-given-name').fill('Lucía');
  await page.getByTestId('sign-surname1').fill('Pérez');
  await page.getByTestId('sign-serial-number').fill('00000023T');
  await page.getByTestId('sign-email').fill('lucia.perez@example.org');
  await page.getByTestId('sign-mobile').fill('+34600111222');
  await page.getByTestId('sign-signer-next').click();
  for (const slot of ['front', 'rear', 'owner']) {
    await page.getByTestId(`sign-image-${slot}-path`).fill(`/home/officer/${slot}.jpg`);
    await page.getByTestId(`sign-image-${slot}-use`).click();
    await page.getByTestId(`sign-image-${slot}-preview`).waitFor();
  }
  await page.getByTestId('sign-images-next').click();
  await page.getByTestId('hash-sign-files').waitFor();
}

describe('Hash sign screen', () => {
  it('hashes any files locally, signs them (W3) and puts each verified .p7m beside its file', async () => {
    const { page, problems, sign, close } = await hashSignScreen('en-US');
    try {
      await toFiles(page);
      await page.getByTestId('sign-start').click();
      expect(await page.getByTestId('sign-start-missing').innerText()).toBe('Add at least one file to sign.');
      sign.dialogAnswer = ['/home/officer/ledger.xlsx', '/home/officer/scan.tiff'];
      await page.getByTestId('hash-sign-choose').click();
      await page.getByTestId('hash-sign-file').nth(1).waitFor();
      expect(await page.getByTestId('hash-sign-file-name').allInnerTexts()).toEqual(['ledger.xlsx', 'scan.tiff']);
      expect(await page.getByTestId('hash-sign-file-digest').first().innerText()).toMatch(/^[0-9a-f]{64}$/);
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('sign-start').click();

      await page.getByTestId('sign-review').waitFor();
      const started = sign.calls.find((call) => call.command === 'sign_start')?.payload as {
        draft: { kind: string; documents: { path: string }[] };
      };
      expect(started.draft.kind).toBe('hash_signature');
      expect(started.draft.documents.map((document) => document.path)).toEqual([
        '/home/officer/ledger.xlsx',
        '/home/officer/scan.tiff',
      ]);
      // Only the contract is a PDF to show.
      expect(await page.getByTestId('sign-review-item').allInnerTexts()).toEqual(['Service contract']);
      await page.getByTestId('sign-review-read').check();
      await page.getByTestId('sign-review-confirm').click();

      await page.getByTestId('sign-code-input').fill(RIGHT_CODE);
      await page.getByTestId('sign-code-submit').click();
      await page.getByTestId('sign-result').waitFor();
      await page.getByTestId('sign-result-beside').nth(1).waitFor();
      expect(await page.getByTestId('sign-result-beside').allInnerTexts()).toEqual([
        '/home/officer/ledger.xlsx.p7m',
        '/home/officer/scan.tiff.p7m',
      ]);
      expect(await page.getByTestId('sign-result-path').first().innerText()).toMatch(/signed\.p7m$/);
      expect(await axeProblems(page)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps its own draft and unfinished list apart from the Sign screen', async () => {
    const sign = new FakeSign();
    sign.unfinished('code', undefined, 'hash_signature');
    const { page, problems, close } = await hashSignScreen('es-ES', sign);
    try {
      await page.getByTestId('sign-unfinished-row').waitFor();
      expect(await page.getByTestId('screen-hash-sign').locator('h1').innerText()).toBe('Firma de hash');
      await page.getByTestId('sign-given-name').fill('Marek');
      await page.getByTestId('nav-sign').click();
      await page.getByTestId('sign-signer').waitFor();
      expect(await page.getByTestId('sign-given-name').inputValue()).toBe('');
      expect(await page.getByTestId('sign-unfinished-row').count()).toBe(0);
      await page.getByTestId('nav-hash-sign').click();
      expect(await page.getByTestId('sign-given-name').inputValue()).toBe('Marek');
      await page.getByTestId('sign-resume').click();
      await page.getByTestId('sign-code').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
