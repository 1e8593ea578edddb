import { describe, expect, it } from 'vitest';

import {
  clampRect,
  editFor,
  keyboardStep,
  normalizeTurns,
  nudgeRect,
  percentBox,
  pointIn,
  rectFromDrag,
  turnedSize,
} from './crop';

const landscape = { width: 4000, height: 3000 };

describe('turns', () => {
  it('counts quarter turns clockwise as 0–3, a left turn from upright being 3', () => {
    expect([0, 1, 4, 5, -1, -4].map(normalizeTurns)).toEqual([0, 1, 0, 1, 3, 0]);
  });

  it('swaps the sides after an odd number of turns', () => {
    expect(turnedSize(landscape, 1)).toEqual({ width: 3000, height: 4000 });
    expect(turnedSize(landscape, 2)).toEqual(landscape);
    expect(turnedSize(landscape, -1)).toEqual({ width: 3000, height: 4000 });
  });
});

describe('crop rectangle', () => {
  it('turns a drag in either direction into a rectangle of whole pixels', () => {
    const start = pointIn(0.5, 0.5, landscape);
    const end = pointIn(0.25, 0.1, landscape);
    expect(rectFromDrag(start, end, landscape)).toEqual({ x: 1000, y: 300, width: 1000, height: 1200 });
  });

  it('keeps a drag that leaves the picture inside it, and a click at least one pixel', () => {
    const end = pointIn(1.4, -0.2, landscape);
    expect(end).toEqual({ x: 4000, y: 0 });
    expect(rectFromDrag({ x: 3000, y: 1000 }, end, landscape)).toEqual({
      x: 3000,
      y: 0,
      width: 1000,
      height: 1000,
    });
    expect(rectFromDrag({ x: 4000, y: 3000 }, { x: 4000, y: 3000 }, landscape)).toEqual({
      x: 3999,
      y: 2999,
      width: 1,
      height: 1,
    });
  });

  it('moves and shrinks typed values into the picture', () => {
    expect(clampRect({ x: 3500, y: -20, width: 1000.4, height: 5000 }, landscape)).toEqual({
      x: 3000,
      y: 0,
      width: 1000,
      height: 3000,
    });
    expect(clampRect({ x: Number.NaN, y: 0, width: 0, height: 10 }, landscape)).toEqual({
      x: 0,
      y: 0,
      width: 1,
      height: 10,
    });
  });

  it('moves with the arrow keys and resizes with Shift, never leaving the picture', () => {
    const rect = { x: 100, y: 100, width: 500, height: 400 };
    const step = keyboardStep(landscape);
    expect(step).toBe(40);
    expect(nudgeRect(rect, 'ArrowLeft', false, step, landscape)).toEqual({ ...rect, x: 60 });
    expect(nudgeRect(rect, 'ArrowDown', true, step, landscape)).toEqual({ ...rect, height: 440 });
    expect(nudgeRect({ ...rect, x: 3490 }, 'ArrowRight', false, step, landscape)).toEqual({
      ...rect,
      x: 3500,
    });
    expect(nudgeRect(rect, 'Enter', false, step, landscape)).toBeNull();
    expect(keyboardStep({ width: 30, height: 20 })).toBe(1);
  });

  it('sends no crop for the whole picture, and the turns counted 0–3', () => {
    expect(editFor(-1, { x: 0, y: 0, width: 4000, height: 3000 }, landscape)).toEqual({
      quarterTurns: 3,
      crop: null,
    });
    expect(editFor(1, { x: 10, y: 20, width: 30, height: 40 }, landscape)).toEqual({
      quarterTurns: 1,
      crop: { x: 10, y: 20, width: 30, height: 40 },
    });
    expect(editFor(0, null, landscape)).toEqual({ quarterTurns: 0, crop: null });
  });

  it('places the frame on the shown picture in percent', () => {
    expect(percentBox({ x: 1000, y: 750, width: 2000, height: 1500 }, landscape)).toEqual({
      left: '25%',
      top: '25%',
      width: '50%',
      height: '50%',
    });
  });
});
