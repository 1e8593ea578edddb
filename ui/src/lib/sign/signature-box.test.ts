import { describe, expect, it } from 'vitest';

import {
  boxBetween,
  clampBox,
  defaultBox,
  MIN_HEIGHT_PT,
  MIN_WIDTH_PT,
  pixelsToPoints,
  pointsToPixels,
  positionText,
} from './signature-box';

const A4 = { widthPt: 595, heightPt: 842 };
const A4_AT_1 = { width: 595, height: 842 };
const A4_AT_HALF = { width: 297.5, height: 421 };

describe('pixelsToPoints', () => {
  it('flips y: a box near the top of the page is high in points', () => {
    const box = pixelsToPoints({ left: 100, top: 100, width: 200, height: 50 }, A4_AT_1, A4);
    expect(box).toEqual({ x: 100, y: 692, width: 200, height: 50 });
    expect(positionText(box)).toBe('100, 692, 300, 742');
  });

  it('scales from the page as shown to its size in points', () => {
    expect(pixelsToPoints({ left: 50, top: 371, width: 100, height: 25 }, A4_AT_HALF, A4)).toEqual({
      x: 100,
      y: 50,
      width: 200,
      height: 50,
    });
  });

  it('rounds each corner to whole points', () => {
    // 120 × 170 px for 595 × 842 pt: 4.958 pt per pixel across, 4.953 down.
    const box = pixelsToPoints({ left: 20, top: 100, width: 80, height: 50 }, { width: 120, height: 170 }, A4);
    expect(positionText(box)).toBe('99, 99, 496, 347');
  });

  it('keeps a box dragged past the edges inside the page', () => {
    expect(pixelsToPoints({ left: -10, top: -10, width: 700, height: 900 }, A4_AT_1, A4)).toEqual({
      x: 0,
      y: 0,
      width: 595,
      height: 842,
    });
    expect(pixelsToPoints({ left: 500, top: 800, width: 200, height: 100 }, A4_AT_1, A4)).toEqual({
      x: 395,
      y: 0,
      width: 200,
      height: 100,
    });
  });

  it('gives a click the minimum size, its top-left corner where the click was', () => {
    expect(pixelsToPoints({ left: 300, top: 421, width: 0, height: 0 }, A4_AT_1, A4)).toEqual({
      x: 300,
      y: 421 - MIN_HEIGHT_PT,
      width: MIN_WIDTH_PT,
      height: MIN_HEIGHT_PT,
    });
  });
});

describe('pointsToPixels', () => {
  it('shows a box in points where it is on the page as shown', () => {
    expect(pointsToPixels({ x: 100, y: 692, width: 200, height: 50 }, A4_AT_HALF, A4)).toEqual({
      left: 50,
      top: 50,
      width: 100,
      height: 25,
    });
  });

  it('is the inverse of pixelsToPoints for whole-point boxes', () => {
    const shown = { width: 420, height: 594.42 };
    for (const box of [
      { x: 0, y: 0, width: 595, height: 842 },
      { x: 323, y: 72, width: 200, height: 60 },
      { x: 40, y: 700, width: 37, height: 19 },
    ]) {
      expect(pixelsToPoints(pointsToPixels(box, shown, A4), shown, A4)).toEqual(box);
    }
  });
});

describe('clampBox', () => {
  it('rounds, enforces the minimum size and moves the box inside the page', () => {
    expect(clampBox({ x: 10.4, y: 20.6, width: 5, height: 2 }, A4)).toEqual({ x: 10, y: 21, width: 36, height: 18 });
    expect(clampBox({ x: -30, y: 900, width: 100, height: 40 }, A4)).toEqual({ x: 0, y: 802, width: 100, height: 40 });
  });

  it('keeps to the whole points of a fractional page', () => {
    expect(clampBox({ x: 500, y: 800, width: 100, height: 100 }, { widthPt: 595.28, heightPt: 841.89 })).toEqual({
      x: 495,
      y: 741,
      width: 100,
      height: 100,
    });
  });

  it('takes the whole page when the page is smaller than the minimum', () => {
    expect(clampBox({ x: 3, y: 3, width: 5, height: 5 }, { widthPt: 20, heightPt: 10 })).toEqual({
      x: 0,
      y: 0,
      width: 20,
      height: 10,
    });
  });

  it('reads a blank number input as zero, never NaN', () => {
    expect(clampBox({ x: Number.NaN, y: 50, width: Number.NaN, height: 60 }, A4)).toEqual({
      x: 0,
      y: 50,
      width: 36,
      height: 60,
    });
  });
});

describe('boxBetween', () => {
  it('makes the same box whichever way the officer dragged', () => {
    const expected = { left: 20, top: 30, width: 80, height: 40 };
    expect(boxBetween({ x: 20, y: 30 }, { x: 100, y: 70 })).toEqual(expected);
    expect(boxBetween({ x: 100, y: 70 }, { x: 20, y: 30 })).toEqual(expected);
  });
});

describe('defaultBox', () => {
  it('starts one inch from the bottom-right corner of an A4 page', () => {
    expect(positionText(defaultBox(A4))).toBe('323, 72, 523, 132');
  });
});
