// Test support: renders a Vega-Lite spec headlessly with the report's font metrics and inspects the text boxes of the
// rendered Vega scenegraph for layout defects: text outside the canvas, text overlapping other text, text over a
// plotted point, and text Vega would cut with an ellipsis.

import { readFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { REPORT_FONT_FILES } from '../../../../reports/internal/report-assets.ts';
import { loadChartLibraries } from '../../../../reports/render/chart-libraries.ts';
import {
  installFontMetrics,
  measureTextWidth,
  parseFontMetrics,
  type FontFaceMetrics,
} from '../../../../reports/render/font-metrics.ts';

/** One layout defect, described for a failure message. */
export interface LayoutProblem {
  readonly kind: 'outside-canvas' | 'text-overlap' | 'text-over-point' | 'truncated';
  readonly message: string;
}

/** An axis-aligned box in canvas pixels. */
interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** A drawn text item with its box in canvas pixels. */
interface PlacedText {
  readonly text: string;
  readonly role: string;
  readonly box: Box;
}

/** The parts of a Vega scenegraph node this check reads. */
interface SceneNode {
  readonly marktype?: string;
  readonly role?: string;
  readonly items?: readonly SceneNode[];
  readonly x?: number;
  readonly y?: number;
  readonly bounds?: Box;
  readonly text?: unknown;
  readonly opacity?: number;
  readonly fillOpacity?: number;
  readonly limit?: number;
  readonly fontSize?: number;
  readonly fontWeight?: string | number;
}

/** Overlaps smaller than this many px in either direction are anti-aliasing, not defects. */
const TOLERANCE = 0.75;

let faces: FontFaceMetrics | null = null;

/** Installs the shipped font's metrics in Vega (as buildReport does) and returns them. */
export async function useReportFontMetrics(): Promise<FontFaceMetrics> {
  if (faces === null) {
    faces = {
      regular: parseFontMetrics(readFileSync(REPORT_FONT_FILES.regular)),
      bold: parseFontMetrics(readFileSync(REPORT_FONT_FILES.bold)),
    };
    await installFontMetrics(faces);
  }
  return faces;
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(' / ');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function isVisible(item: SceneNode): boolean {
  return (item.opacity ?? 1) > 0 && (item.fillOpacity ?? 1) > 0 && textOf(item.text).trim() !== '';
}

function intersection(a: Box, b: Box): { width: number; height: number } {
  return {
    width: Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1),
    height: Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1),
  };
}

function overlap(a: Box, b: Box): boolean {
  const i = intersection(a, b);
  return i.width > TOLERANCE && i.height > TOLERANCE;
}

function describeBox(b: Box): string {
  return `[${b.x1.toFixed(1)}, ${b.y1.toFixed(1)}]–[${b.x2.toFixed(1)}, ${b.y2.toFixed(1)}]`;
}

/**
 * Renders a spec and lists its layout problems; an empty list means every text is on the canvas, clear of other
 * text and of plotted points, and drawn in full.
 */
export async function checkChartLayout(spec: TopLevelSpec): Promise<LayoutProblem[]> {
  const metrics = await useReportFontMetrics();
  // The Vega instance the report renders with, which useReportFontMetrics taught the shipped font's widths.
  const { vega, vegaLite } = await loadChartLibraries();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const svg = await view.toSVG();
  const width = Number(/width="([\d.]+)"/.exec(svg)?.[1] ?? NaN);
  const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? NaN);
  const [originX, originY] = view.origin();
  const padding = view.padding();
  const left = typeof padding === 'number' ? padding : (padding.left ?? 0);
  const top = typeof padding === 'number' ? padding : (padding.top ?? 0);
  const texts: PlacedText[] = [];
  const points: Box[] = [];
  const problems: LayoutProblem[] = [];
  const walk = (mark: SceneNode, dx: number, dy: number) => {
    for (const item of mark.items ?? []) {
      if (mark.marktype === 'group') {
        for (const child of item.items ?? []) walk(child, dx + (item.x ?? 0), dy + (item.y ?? 0));
        continue;
      }
      const b = item.bounds;
      if (b === undefined) continue;
      const box = { x1: b.x1 + dx, y1: b.y1 + dy, x2: b.x2 + dx, y2: b.y2 + dy };
      if (mark.marktype === 'symbol' && mark.role === 'mark' && (item.opacity ?? 1) > 0) points.push(box);
      if (mark.marktype !== 'text' || !isVisible(item)) continue;
      const text = textOf(item.text);
      texts.push({ text, role: mark.role ?? '', box });
      const limit = item.limit ?? 0;
      if (limit > 0) {
        const face =
          String(item.fontWeight ?? '') === 'bold' || Number(item.fontWeight) >= 600 ? metrics.bold : metrics.regular;
        const lines = Array.isArray(item.text) ? item.text.map(String) : [text];
        const widest = Math.max(...lines.map((line) => measureTextWidth(face, line, Number(item.fontSize ?? 11))));
        if (widest > limit + TOLERANCE)
          problems.push({
            kind: 'truncated',
            message: `"${text}" (${mark.role}) is cut at ${limit} px of ${widest.toFixed(0)} px`,
          });
      }
    }
  };
  const root = (view.scenegraph() as unknown as { root: SceneNode }).root;
  walk(root, originX + left, originY + top);
  for (const t of texts) {
    const b = t.box;
    if (b.x1 < -TOLERANCE || b.y1 < -TOLERANCE || b.x2 > width + TOLERANCE || b.y2 > height + TOLERANCE)
      problems.push({
        kind: 'outside-canvas',
        message: `"${t.text}" (${t.role}) at ${describeBox(b)} leaves the ${width} × ${height} canvas`,
      });
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (a === undefined || b === undefined || !overlap(a.box, b.box)) continue;
      problems.push({
        kind: 'text-overlap',
        message: `"${a.text}" (${a.role}) overlaps "${b.text}" (${b.role}) at ${describeBox(a.box)} / ${describeBox(b.box)}`,
      });
    }
  }
  for (const t of texts) {
    const hit = points.find((p) => overlap(t.box, p));
    if (hit !== undefined)
      problems.push({
        kind: 'text-over-point',
        message: `"${t.text}" (${t.role}) lies on a point at ${describeBox(hit)}`,
      });
  }
  view.finalize();
  return problems;
}
