// The crop rectangle of the ID picture editor, in pixels of the picture as received
// (upright, then turned as the officer chose): the frame station-core crops in.
import type { CropRect, IdImageEdit } from '../generated/bindings';

export interface Size {
  width: number;
  height: number;
}

/** Quarter turns clockwise as 0–3 (a turn left from 0 is 3). */
export function normalizeTurns(turns: number): number {
  return ((Math.trunc(turns) % 4) + 4) % 4;
}

/** The size of a picture after `turns` quarter turns. */
export function turnedSize(size: Size, turns: number): Size {
  return normalizeTurns(turns) % 2 === 1
    ? { width: size.height, height: size.width }
    : { width: size.width, height: size.height };
}

/** A point given as fractions of the shown picture (0–1), in whole pixels of `bounds`. */
export function pointIn(fractionX: number, fractionY: number, bounds: Size): { x: number; y: number } {
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, Math.round(value * max)));
  return { x: clamp(fractionX, bounds.width), y: clamp(fractionY, bounds.height) };
}

/** The rectangle dragged from `start` to `end` (either corner first), at least 1 px, inside `bounds`. */
export function rectFromDrag(
  start: { x: number; y: number },
  end: { x: number; y: number },
  bounds: Size,
): CropRect {
  return clampRect(
    {
      x: Math.min(start.x, end.x),
      y: Math.min(start.y, end.y),
      width: Math.abs(end.x - start.x),
      height: Math.abs(end.y - start.y),
    },
    bounds,
  );
}

/** `rect` in whole pixels, at least 1 × 1, moved and shrunk to lie inside `bounds`. */
export function clampRect(rect: CropRect, bounds: Size): CropRect {
  const whole = (value: number) => (Number.isFinite(value) ? Math.round(value) : 0);
  const width = Math.min(bounds.width, Math.max(1, whole(rect.width)));
  const height = Math.min(bounds.height, Math.max(1, whole(rect.height)));
  const x = Math.min(bounds.width - width, Math.max(0, whole(rect.x)));
  const y = Math.min(bounds.height - height, Math.max(0, whole(rect.y)));
  return { x, y, width, height };
}

/** Arrow keys move the rectangle by `step` px; with `resize` they change its size. */
export function nudgeRect(
  rect: CropRect,
  key: string,
  resize: boolean,
  step: number,
  bounds: Size,
): CropRect | null {
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const move = moves[key];
  if (!move) return null;
  const [dx, dy] = move;
  if (resize) {
    return clampRect({ ...rect, width: rect.width + dx, height: rect.height + dy }, bounds);
  }
  return clampRect({ ...rect, x: rect.x + dx, y: rect.y + dy }, bounds);
}

/** A keyboard step: 1 % of the picture's long side, at least 1 px. */
export function keyboardStep(bounds: Size): number {
  return Math.max(1, Math.round(Math.max(bounds.width, bounds.height) / 100));
}

/** The edit to send: no crop when the rectangle is the whole picture. */
export function editFor(turns: number, crop: CropRect | null, bounds: Size): IdImageEdit {
  const quarterTurns = normalizeTurns(turns);
  if (crop === null) return { quarterTurns, crop: null };
  const inside = clampRect(crop, bounds);
  const whole = inside.width === bounds.width && inside.height === bounds.height;
  return { quarterTurns, crop: whole ? null : inside };
}

/** Where `rect` sits on the shown picture, as CSS percentages. */
export function percentBox(rect: CropRect, bounds: Size): Record<'left' | 'top' | 'width' | 'height', string> {
  const percent = (value: number, total: number) => `${(value / total) * 100}%`;
  return {
    left: percent(rect.x, bounds.width),
    top: percent(rect.y, bounds.height),
    width: percent(rect.width, bounds.width),
    height: percent(rect.height, bounds.height),
  };
}
