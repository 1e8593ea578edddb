import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeAdmin } from './fake-admin';
import { FakeSign } from './fake-sign';
import { FakeStation } from './fake-station';
import { axeProblems, mockIpcScript, openStation, serveDist } from './harness';
import { toDocuments } from './sign-steps';

let server: Awaited<ReturnType<typeof serveDist>>;
let shim: string;

beforeAll(async () => {
  server = await serveDist();
  shim = await mockIpcScript();
});

afterAll(async () => {
  await server?.close();
});

describe('Visible signature image', () => {
  it('uploads a signature image from the Documents step, chooses it and shows it in the box', async () => {
    const sign = new FakeSign();
    const admin = new FakeAdmin();
    admin.images = [];
    const backend = new FakeStation().signedIn();
    backend.screens.push(sign, admin);
    const { page, problems, close } = await openStation(server.url, shim, backend.handle, 'es-ES');
    try {
      await page.getByTestId('screen-sign').waitFor();
      await toDocuments(page);
      sign.dialogAnswer = ['/home/officer/loan.pdf'];
      await page.getByTestId('sign-documents-choose').click();
      await page.getByTestId('sign-document-thumbnail').first().waitFor();

      const loan = page.getByTestId('sign-document').nth(0);
      await loan.getByTestId('sign-visible-toggle').check();
      await loan.getByTestId('sign-visible-images-empty').waitFor();
      expect(await loan.getByTestId('sign-visible-box-image').count()).toBe(0);

      sign.dialogAnswer = '/home/officer/rúbrica.png';
      await loan.getByTestId('sign-visible-upload').click();
      await loan.getByTestId('sign-visible-box-image').waitFor();
      const added = admin.images.at(-1);
      expect(added?.fileName).toContain('rúbrica.png');
      expect(await loan.getByTestId('sign-visible-image').inputValue()).toBe(added?.uid);
      expect(await loan.getByTestId('sign-visible-images-empty').count()).toBe(0);
      // The picture sits inside the box the officer drew.
      const box = await loan.getByTestId('sign-visible-box').boundingBox();
      const picture = await loan.getByTestId('sign-visible-box-image').boundingBox();
      expect(box && picture && picture.x >= box.x && picture.y >= box.y).toBe(true);
      expect(await axeProblems(page)).toEqual([]);

      // Back to text only: the box is empty again.
      await loan.getByTestId('sign-visible-image').selectOption('');
      expect(await loan.getByTestId('sign-visible-box-image').count()).toBe(0);

      await page.getByTestId('sign-start').click();
      await page.getByTestId('sign-review').waitFor();
      const started = sign.calls.find((call) => call.command === 'sign_start')?.payload as {
        draft: { documents: { visibleSignature: { image: string | null } }[] };
      };
      expect(started.draft.documents[0]?.visibleSignature.image).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says why an image was refused and keeps the box', async () => {
    const sign = new FakeSign();
    const admin = new FakeAdmin();
    const backend = new FakeStation().signedIn();
    backend.screens.push(sign, admin);
    const { page, close } = await openStation(server.url, shim, backend.handle, 'en-US');
    try {
      await page.getByTestId('screen-sign').waitFor();
      await toDocuments(page);
      sign.dialogAnswer = ['/home/officer/loan.pdf'];
      await page.getByTestId('sign-documents-choose').click();
      const loan = page.getByTestId('sign-document').nth(0);
      await loan.getByTestId('sign-visible-toggle').check();
      sign.dialogAnswer = '/home/officer/notes.txt';
      await loan.getByTestId('sign-visible-upload').click();
      await page.getByTestId('error-banner').waitFor();
      expect(await loan.getByTestId('sign-visible-box').count()).toBe(1);
      expect(await loan.getByTestId('sign-visible-toggle').isChecked()).toBe(true);
    } finally {
      await close();
    }
  });
});
