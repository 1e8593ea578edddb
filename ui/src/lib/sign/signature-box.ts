// Where a visible signature goes on a page: the box the officer draws in screen pixels
// on the rendered page (origin top-left, y down) and the box the Optimizer takes in PDF
// points (origin bottom-left, y up), rounded to whole points and kept inside the page.
import type { PageSize } from '../generated/bindings';

/** A box in PDF points; `x`, `y` is its bottom-left corner, from the page's bottom-left. */
export interface PointBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A box in pixels on the page as shown; `left`, `top` from the image's top-left. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The page image's size as shown, in pixels. */
export interface ShownSize {
  width: number;
  height: number;
}

/** Smallest box the Optimizer can draw a readable signature in (half an inch by a quarter). */
export const MIN_WIDTH_PT = 36;
export const MIN_HEIGHT_PT = 18;

/** Where a new box starts: 200 × 60 pt, one inch from the bottom-right corner. */
const DEFAULT_WIDTH_PT = 200;
const DEFAULT_HEIGHT_PT = 60;
const DEFAULT_MARGIN_PT = 72;

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
/** A blank or half-typed number input reads as NaN; it must not reach the Optimizer. */
const finite = (value: number) => (Number.isFinite(value) ? value : 0);

/**
 * `box` in whole points (what the officer types and reads; a point is 0.35 mm), at least the minimum size (or the whole page when smaller),
 * moved inside the page. Pages may be fractional (595.28 pt): the box stays within
 * the whole points that fit.
 */
export function clampBox(box: PointBox, page: PageSize): PointBox {
  const pageWidth = Math.floor(page.widthPt);
  const pageHeight = Math.floor(page.heightPt);
  const width = clamp(Math.round(finite(box.width)), Math.min(MIN_WIDTH_PT, pageWidth), pageWidth);
  const height = clamp(Math.round(finite(box.height)), Math.min(MIN_HEIGHT_PT, pageHeight), pageHeight);
  return {
    x: clamp(Math.round(finite(box.x)), 0, pageWidth - width),
    y: clamp(Math.round(finite(box.y)), 0, pageHeight - height),
    width,
    height,
  };
}

/** The box between two pointer positions, whichever way the officer dragged. */
export function boxBetween(
  from: { x: number; y: number },
  to: { x: number; y: number },
): PixelBox {
  return {
    left: Math.min(from.x, to.x),
    top: Math.min(from.y, to.y),
    width: Math.abs(to.x - from.x),
    height: Math.abs(to.y - from.y),
  };
}

/** A box drawn on the page shown at `shown` pixels, in points of `page` (y flipped). */
export function pixelsToPoints(box: PixelBox, shown: ShownSize, page: PageSize): PointBox {
  const perPixelX = page.widthPt / shown.width;
  const perPixelY = page.heightPt / shown.height;
  // Each corner is rounded on its own so the box covers what was drawn.
  const x1 = Math.round(box.left * perPixelX);
  const x2 = Math.round((box.left + box.width) * perPixelX);
  const top = Math.round(page.heightPt - box.top * perPixelY);
  const bottom = Math.round(page.heightPt - (box.top + box.height) * perPixelY);
  // A click or a thin drag grows right and down from where the pointer went down.
  const width = Math.max(x2 - x1, MIN_WIDTH_PT);
  const height = Math.max(top - bottom, MIN_HEIGHT_PT);
  return clampBox({ x: x1, y: top - height, width, height }, page);
}

/** Where `box` shows on the page shown at `shown` pixels: the inverse of `pixelsToPoints`. */
export function pointsToPixels(box: PointBox, shown: ShownSize, page: PageSize): PixelBox {
  const pixelsPerPointX = shown.width / page.widthPt;
  const pixelsPerPointY = shown.height / page.heightPt;
  return {
    left: box.x * pixelsPerPointX,
    top: (page.heightPt - box.y - box.height) * pixelsPerPointY,
    width: box.width * pixelsPerPointX,
    height: box.height * pixelsPerPointY,
  };
}

/** The box as the Optimizer takes it: `"x1, y1, x2, y2"`. */
export function positionText(box: PointBox): string {
  return `${box.x}, ${box.y}, ${box.x + box.width}, ${box.y + box.height}`;
}

/** A box to start from: near the bottom-right corner, where signatures usually go. */
export function defaultBox(page: PageSize): PointBox {
  return clampBox(
    {
      x: page.widthPt - DEFAULT_MARGIN_PT - DEFAULT_WIDTH_PT,
      y: DEFAULT_MARGIN_PT,
      width: DEFAULT_WIDTH_PT,
      height: DEFAULT_HEIGHT_PT,
    },
    page,
  );
}
