// The ID capture step's camera, rotation and crop (issue 6), on Chromium's fake camera.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';

import { FakeSign } from './fake-sign';
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

/** Chromium's fake cameras (two of them), allowed without a prompt. */
const FAKE_CAMERAS = ['--use-fake-device-for-media-stream=device-count=2', '--use-fake-ui-for-media-stream'];

/**
 * Keeps every stream the page opens, so the test can see they were stopped; with
 * `failWith` set, getUserMedia fails with that DOMException name instead.
 */
const WATCH_STREAMS = `
  window.__streams = [];
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    if (window.__cameraFailure) throw new DOMException('refused by the test', window.__cameraFailure);
    const stream = await open(constraints);
    window.__streams.push(stream);
    return stream;
  };
`;

async function imagesStep(locale: string, options: { failWith?: string } = {}) {
  const sign = new FakeSign();
  const backend = new FakeStation().signedIn();
  backend.screens.push(sign);
  const opened = await openStation(server.url, shim, backend.handle, locale, { args: FAKE_CAMERAS });
  if (options.failWith) {
    await opened.page.addInitScript({ content: `window.__cameraFailure = ${JSON.stringify(options.failWith)};` });
  }
  await opened.page.addInitScript({ content: WATCH_STREAMS });
  await opened.page.reload();
  const page = opened.page;
  await page.getByTestId('screen-sign').waitFor();
  await page.getByTestId('sign-given-name').fill('Lucía');
  await page.getByTestId('sign-surname1').fill('Pérez');
  await page.getByTestId('sign-serial-number').fill('00000023T');
  await page.getByTestId('sign-email').fill('lucia.perez@example.org');
  await page.getByTestId('sign-mobile').fill('+34 600 111 222');
  await page.getByTestId('sign-signer-next').click();
  await page.getByTestId('sign-images').waitFor();
  return { ...opened, sign };
}

/** Whether every stream the page opened has stopped (the camera light is off). */
const allStopped = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __streams: MediaStream[] }).__streams
      .flatMap((stream) => stream.getTracks())
      .every((track) => track.readyState === 'ended'),
  );

const streamCount = (page: Page) =>
  page.evaluate(() => (window as unknown as { __streams: MediaStream[] }).__streams.length);

const lastEdit = (sign: FakeSign) =>
  sign.calls.filter((call) => call.command === 'sign_prepare_id_image').at(-1)?.payload as {
    path: string;
    edit: unknown;
  };

describe('ID capture: camera, rotation and crop', () => {
  it('takes the front picture with the chosen camera and stops the stream', async () => {
    const { page, problems, sign, close } = await imagesStep('en-US');
    try {
      await page.getByTestId('sign-image-front-camera-open').click();
      const select = page.getByTestId('sign-image-front-camera-select');
      await select.waitFor();
      const cameras = await select.locator('option').evaluateAll((options) =>
        options.map((option) => (option as HTMLOptionElement).value),
      );
      expect(cameras).toHaveLength(2);
      await page.getByTestId('sign-image-front-take').waitFor();
      expect(await axeProblems(page)).toEqual([]);
      // Choosing the other camera restarts the preview on it and stops the first stream.
      await select.selectOption(cameras[1] ?? '');
      await page.waitForFunction(
        (id) => {
          const streams = (window as unknown as { __streams: MediaStream[] }).__streams;
          return streams.at(-1)?.getVideoTracks()[0]?.getSettings().deviceId === id;
        },
        cameras[1],
      );
      await page.locator('[data-testid="sign-image-front-take"]:not([disabled])').click();
      await page.getByTestId('sign-image-front-preview').waitFor();
      expect(sign.captured).toHaveLength(1);
      const bytes = sign.captured[0] ?? new Uint8Array();
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect(await page.getByTestId('sign-image-front-facts').innerText()).toContain('Camera picture');
      expect(await page.getByTestId('sign-image-front-video').count()).toBe(0);
      expect(await streamCount(page)).toBe(2);
      expect(await allStopped(page)).toBe(true);

      // Cancelling the camera stops it too.
      await page.getByTestId('sign-image-rear-camera-open').click();
      await page.locator('[data-testid="sign-image-rear-take"]:not([disabled])').waitFor();
      await page.getByTestId('sign-image-rear-camera-cancel').click();
      expect(await page.getByTestId('sign-image-rear-camera').count()).toBe(0);
      expect(await streamCount(page)).toBe(3);
      expect(await allStopped(page)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says the camera is not allowed, in Spanish, and tries again when asked', async () => {
    const { page, close } = await imagesStep('es-ES', { failWith: 'NotAllowedError' });
    try {
      await page.getByTestId('sign-image-owner-camera-open').click();
      const error = page.getByTestId('sign-image-owner-camera-error');
      expect(await error.innerText()).toContain('no tiene permiso para usar la cámara');
      expect(await page.getByTestId('sign-image-owner-take').count()).toBe(0);
      expect(await axeProblems(page)).toEqual([]);
      await page.evaluate(() => {
        (window as unknown as { __cameraFailure: string }).__cameraFailure = 'NotReadableError';
      });
      await page.getByTestId('sign-image-owner-camera-retry').click();
      await page.getByText('otra aplicación la esté usando').waitFor();
      await page.evaluate(() => {
        (window as unknown as { __cameraFailure: string | null }).__cameraFailure = null;
      });
      await page.getByTestId('sign-image-owner-camera-retry').click();
      await page.locator('[data-testid="sign-image-owner-take"]:not([disabled])').waitFor();
      expect(await page.getByTestId('sign-image-owner-camera-error').count()).toBe(0);
      await page.getByTestId('sign-image-owner-camera-cancel').click();
      expect(await allStopped(page)).toBe(true);
    } finally {
      await close();
    }
  });

  it('sends the turns and the crop, typed, by keyboard and drawn, in pixels of the turned picture', async () => {
    const { page, problems, sign, close } = await imagesStep('en-US');
    try {
      await page.getByTestId('sign-image-front-path').fill('/home/officer/front.jpg');
      await page.getByTestId('sign-image-front-use').click();
      await page.getByTestId('sign-image-front-preview').waitFor();
      await page.getByTestId('sign-image-front-edit').click();
      await page.getByTestId('sign-image-front-editor').waitFor();
      await page.getByTestId('sign-image-front-rotate-right').click();
      // Turned right, the 3200 × 2000 picture is 2000 × 3200.
      expect(await page.getByTestId('sign-image-front-crop-width').inputValue()).toBe('2000');
      expect(await page.getByTestId('sign-image-front-crop-height').inputValue()).toBe('3200');
      for (const [field, value] of [
        ['width', '1000'],
        ['height', '1500'],
        ['x', '100'],
        ['y', '200'],
      ] as const) {
        await page.getByTestId(`sign-image-front-crop-${field}`).fill(value);
        await page.getByTestId(`sign-image-front-crop-${field}`).press('Tab');
      }
      // Arrow keys on the frame move it by 1 % of the long side (32 px); Shift resizes.
      await page.getByTestId('sign-image-front-crop-frame').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      expect(await page.getByTestId('sign-image-front-edit-size').innerText()).toContain('1000 × 1532');
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId('sign-image-front-edit-apply').click();
      await page.getByTestId('sign-image-front-editor').waitFor({ state: 'detached' });
      expect(lastEdit(sign)).toEqual({
        path: '/home/officer/front.jpg',
        edit: { quarterTurns: 1, crop: { x: 132, y: 200, width: 1000, height: 1532 } },
      });
      expect(await page.getByTestId('sign-image-front-facts').innerText()).toContain('1000 × 1532');

      // Again from the original: turned back left twice (= three right turns), a frame drawn.
      await page.getByTestId('sign-image-front-edit').click();
      await page.getByTestId('sign-image-front-rotate-left').click();
      await page.getByTestId('sign-image-front-rotate-left').click();
      const area = page.getByTestId('sign-image-front-crop-area');
      const box = await area.boundingBox();
      if (!box) throw new Error('no crop area');
      await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.75);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4, { steps: 4 });
      await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.25, { steps: 4 });
      await page.mouse.up();
      await page.getByTestId('sign-image-front-edit-apply').click();
      await page.getByTestId('sign-image-front-editor').waitFor({ state: 'detached' });
      const drawn = lastEdit(sign).edit as { quarterTurns: number; crop: { x: number; y: number; width: number; height: number } };
      expect(drawn.quarterTurns).toBe(3);
      // The middle half of the 2000 × 3200 picture, give or take a pixel of the mouse.
      expect(Math.abs(drawn.crop.x - 500)).toBeLessThanOrEqual(12);
      expect(Math.abs(drawn.crop.y - 800)).toBeLessThanOrEqual(12);
      expect(Math.abs(drawn.crop.width - 1000)).toBeLessThanOrEqual(12);
      expect(Math.abs(drawn.crop.height - 1600)).toBeLessThanOrEqual(12);
      expect(lastEdit(sign).path).toBe('/home/officer/front.jpg');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
