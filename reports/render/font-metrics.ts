// Text widths from the shipped TTF's own advance widths, so headless Vega lays out axes, legends and truncation the
// way resvg will draw them (without a canvas Vega guesses 0.8 em a character, which truncates labels too early).

import { loadChartLibraries } from './chart-libraries.ts';

/** Advance widths of one font face, in font units. */
export interface FontMetrics {
  readonly unitsPerEm: number;
  /** Advance width of a code point in font units; the missing-glyph advance for unmapped code points. */
  readonly advanceOf: (codePoint: number) => number;
  /** Whether the font maps the code point to a glyph (its BMP cmap). */
  readonly hasGlyph: (codePoint: number) => boolean;
}

/** A regular and a bold face: Vega's titles are bold, everything else regular. */
export interface FontFaceMetrics {
  readonly regular: FontMetrics;
  readonly bold: FontMetrics;
}

/** The subset of Vega's scenegraph text item that width measurement reads. */
interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: string | number | null;
  readonly limit?: number | null;
}

interface VegaTextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

function readTableDirectory(view: DataView): Map<string, { offset: number; length: number }> {
  const tables = new Map<string, { offset: number; length: number }>();
  const tableCount = view.getUint16(4);
  for (let i = 0; i < tableCount; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(record),
      view.getUint8(record + 1),
      view.getUint8(record + 2),
      view.getUint8(record + 3),
    );
    tables.set(tag, { offset: view.getUint32(record + 8), length: view.getUint32(record + 12) });
  }
  return tables;
}

/** Reads a cmap format 4 subtable (BMP, segment mapping to delta values); Apple TrueType Reference, 'cmap'. */
function readCmapFormat4(view: DataView, offset: number): Map<number, number> {
  const glyphOf = new Map<number, number>();
  const segmentCount = view.getUint16(offset + 6) / 2;
  const endCodes = offset + 14;
  const startCodes = endCodes + segmentCount * 2 + 2;
  const idDeltas = startCodes + segmentCount * 2;
  const idRangeOffsets = idDeltas + segmentCount * 2;
  for (let s = 0; s < segmentCount; s++) {
    const end = view.getUint16(endCodes + s * 2);
    const start = view.getUint16(startCodes + s * 2);
    const delta = view.getInt16(idDeltas + s * 2);
    const rangeOffsetAddress = idRangeOffsets + s * 2;
    const rangeOffset = view.getUint16(rangeOffsetAddress);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const glyphAddress = rangeOffsetAddress + rangeOffset + (code - start) * 2;
        const raw = view.getUint16(glyphAddress);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) glyphOf.set(code, glyph);
    }
  }
  return glyphOf;
}

/**
 * Parses the advance widths of a TrueType font (tables head, hhea, hmtx and a Unicode BMP cmap, format 4).
 * Kerning is ignored: widths are slightly over-estimated for kerned pairs, which only adds a little whitespace.
 * @param bytes the whole .ttf file
 */
export function parseFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = readTableDirectory(view);
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  const cmap = tables.get('cmap');
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error('font has no head, hhea, hmtx or cmap table');
  }
  const unitsPerEm = view.getUint16(head.offset + 18);
  const metricCount = view.getUint16(hhea.offset + 34);
  const advances = new Uint16Array(metricCount);
  for (let g = 0; g < metricCount; g++) advances[g] = view.getUint16(hmtx.offset + g * 4);
  let glyphOf: Map<number, number> | null = null;
  const subtableCount = view.getUint16(cmap.offset + 2);
  for (let i = 0; i < subtableCount && glyphOf === null; i++) {
    const platform = view.getUint16(cmap.offset + 4 + i * 8);
    const encoding = view.getUint16(cmap.offset + 6 + i * 8);
    const subtable = cmap.offset + view.getUint32(cmap.offset + 8 + i * 8);
    const isUnicodeBmp = (platform === 3 && encoding === 1) || platform === 0;
    if (isUnicodeBmp && view.getUint16(subtable) === 4) glyphOf = readCmapFormat4(view, subtable);
  }
  if (glyphOf === null) throw new Error('font has no Unicode BMP cmap (format 4)');
  const glyphs = glyphOf;
  // Glyphs beyond numberOfHMetrics share the last advance (OpenType spec, 'hmtx').
  const advanceOfGlyph = (glyph: number) => advances[Math.min(glyph, metricCount - 1)] ?? 0;
  return {
    unitsPerEm,
    advanceOf: (codePoint) => advanceOfGlyph(glyphs.get(codePoint) ?? 0),
    hasGlyph: (codePoint) => glyphs.has(codePoint),
  };
}

/**
 * The width in pixels of a single line of text.
 * @param fontSize in pixels, >= 0
 */
export function measureTextWidth(metrics: FontMetrics, text: string, fontSize: number): number {
  let units = 0;
  for (const char of text) units += metrics.advanceOf(char.codePointAt(0) ?? 0);
  return (units / metrics.unitsPerEm) * fontSize;
}

function isBold(weight: string | number | null | undefined): boolean {
  if (weight === null || weight === undefined) return false;
  if (typeof weight === 'number') return weight >= 600;
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
}

/**
 * Makes Vega measure text with the given font faces, process-wide (Vega's `textMetrics.width` hook, the one
 * vl-convert uses). Widths are capped at the item's `limit`, which keeps Vega's own truncation search exact.
 */
export async function installFontMetrics(faces: FontFaceMetrics): Promise<void> {
  const { vega } = await loadChartLibraries();
  const textMetrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;
  textMetrics.width = (item, text) => {
    // Vega passes one line of text; numbers and booleans are label values too.
    const line =
      typeof text === 'string'
        ? text.trim()
        : typeof text === 'number' || typeof text === 'boolean'
          ? String(text)
          : '';
    const fontSize = item.fontSize === null || item.fontSize === undefined ? 11 : Number(item.fontSize) || 0;
    const width = measureTextWidth(isBold(item.fontWeight) ? faces.bold : faces.regular, line, fontSize);
    const limit = Number(item.limit ?? 0);
    return limit > 0 ? Math.min(width, limit) : width;
  };
}
