// Steps of the Sign flow that several UI tests walk through.
import type { Page } from 'playwright-core';

export async function fillSigner(page: Page) {
  await page.getByTestId('sign-given-name').fill('Lucía');
  await page.getByTestId('sign-surname1').fill('Pérez');
  await page.getByTestId('sign-serial-number').fill('00000023T');
  await page.getByTestId('sign-email').fill('lucia.perez@example.org');
  await page.getByTestId('sign-mobile').fill('+34 600 111 222');
}

export async function usePicture(page: Page, slot: string, path: string) {
  await page.getByTestId(`sign-image-${slot}-path`).fill(path);
  await page.getByTestId(`sign-image-${slot}-use`).click();
  await page.getByTestId(`sign-image-${slot}-preview`).waitFor();
}

/** From an empty Signer step to the Documents step with the three required pictures. */
export async function toDocuments(page: Page) {
  await fillSigner(page);
  await page.getByTestId('sign-signer-next').click();
  await usePicture(page, 'front', '/home/officer/front.jpg');
  await usePicture(page, 'rear', '/home/officer/rear.jpg');
  await usePicture(page, 'owner', '/home/officer/owner.png');
  await page.getByTestId('sign-images-next').click();
}
