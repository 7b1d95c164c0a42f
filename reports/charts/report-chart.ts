// What every chart builder returns, and the look shared by all charts: one font, Okabe-Ito colours (safe for the
// common forms of colour blindness), white background, titles anchored left with a subtitle saying how to read it.

import type { Config, TopLevelSpec } from 'vega-lite';
import type { ReportSectionId } from '../outline/report-sections.ts';
import { vegaString, vegaStringArray } from './vega-literals.ts';

/** A Vega-Lite v6 top-level spec with its data inlined. */
export type ChartSpec = TopLevelSpec;

/** One spec inside a `vconcat`, as builders compose per-service or per-scenario panels. */
export type ConcatPanelSpec = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

/** A chart of the report: one reader's question, answered by one Vega-Lite spec. */
export interface ReportChart {
  /** File stem in kebab-case, unique in a report: `charts/<name>.vl.json`, `.svg`, `.png`. */
  readonly name: string;
  /** The chart's title, also used as the figure heading. */
  readonly title: string;
  /** Plain-text alternative: what the chart shows and its main message; the spec's `description` (alt text). */
  readonly description: string;
  /** One or two sentences under the chart: its main message. The full description goes to the appendix. */
  readonly caption: string;
  /** The report section that shows the chart. */
  readonly section: ReportSectionId;
  /** Names of the report tables that hold this chart's figures with their confidence intervals. */
  readonly tableNames: readonly string[];
  /** Remarks shown under the chart, e.g. sites not drawn because they lack coordinates. */
  readonly notes: readonly string[];
  readonly spec: ChartSpec;
}

/** The `$schema` of every spec; a name, never fetched (the HTML report makes no requests). */
export const VEGA_LITE_SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable under protanopia, deuteranopia and
 * tritanopia. https://jfly.uni-koeln.de/color/
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Neutral grey for "not highlighted" marks. */
export const NEUTRAL_GREY = '#9a9a9a';

/** Category colours in order of use; yellow comes last because it has little contrast on white. */
export const CATEGORY_COLOURS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.skyBlue,
  OKABE_ITO.black,
  OKABE_ITO.yellow,
];

/** Point shapes paired with the category colours, so categories differ by more than colour alone. */
export const CATEGORY_SHAPES: readonly string[] = [
  'circle',
  'square',
  'diamond',
  'triangle-up',
  'triangle-down',
  'cross',
  'triangle-right',
  'triangle-left',
];

/** The font family PNG rendering loads (reports/assets/fonts) and SVGs name first. */
export const REPORT_FONT_FAMILY = 'DejaVu Sans';

/** The CSS font stack charts use: the shipped font first, then common fallbacks of similar width. */
export const CHART_FONT_STACK = `${REPORT_FONT_FAMILY}, Verdana, Arial, sans-serif`;

/** Width in pixels of a full-width chart's plotting area; fits an A4 page with 15 mm margins at 96 dpi. */
export const FULL_WIDTH = 520;

/** The shared look of all charts. */
export const REPORT_CHART_CONFIG: Config = {
  font: CHART_FONT_STACK,
  background: 'white',
  padding: 10,
  title: {
    anchor: 'start',
    fontSize: 15,
    fontWeight: 'bold',
    color: '#111111',
    subtitleFontSize: 11.5,
    subtitleColor: '#444444',
    subtitlePadding: 4,
    offset: 12,
  },
  axis: {
    labelFontSize: 11,
    labelColor: '#333333',
    titleFontSize: 11.5,
    titleFontWeight: 'normal',
    titleColor: '#222222',
    gridColor: '#e6e6e6',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 11.5,
    titleFontWeight: 'normal',
    orient: 'bottom',
    direction: 'horizontal',
    symbolStrokeWidth: 1.5,
    labelLimit: 320,
    columns: 3,
  },
  header: { labelFontSize: 12, labelFontWeight: 'bold', titleFontSize: 12 },
  view: { stroke: '#dddddd' },
  range: { category: [...CATEGORY_COLOURS] },
};

/** Tooltip fields are pre-formatted text so the interactive chart shows exactly the tables' wording. */
export function tooltipField(field: string, title: string): { field: string; type: 'nominal'; title: string } {
  return { field, type: 'nominal', title };
}

/** Splits text into lines of at most `maxChars` characters at spaces (a longer single word stays whole). */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= maxChars) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * A Vega expression that shows each known label as its given lines (an array of strings renders as multi-line text),
 * and any other value as it is. Every text goes through {@link vegaString}, so ids and names of any spelling work.
 */
export function labelLinesExpr(labels: ReadonlyArray<{ readonly label: string; readonly lines: readonly string[] }>): string {
  const cases = labels.map(({ label, lines }) => `datum.value === ${vegaString(label)} ? ${vegaStringArray(lines)}`);
  return cases.length === 0 ? 'datum.value' : `${cases.join(' : ')} : datum.value`;
}

/** A Vega expression that shows each known label wrapped at `maxChars` (and at `splitOn`, when given). */
export function wrappedLabelExpr(labels: readonly string[], maxChars: number, splitOn?: string): string {
  return labelLinesExpr(
    labels.map((label) => ({
      label,
      lines: (splitOn === undefined ? [label] : label.split(splitOn)).flatMap((part) => wrapText(part, maxChars)),
    })),
  );
}

/**
 * Colours and shapes for `count` categories, each pair distinct: colours cycle through the eight category colours
 * and shapes shift by one every full cycle, so category 8 differs from category 0 by shape (up to 64 categories).
 */
export function categoryPalette(count: number): { colours: string[]; shapes: string[] } {
  const colours: string[] = [];
  const shapes: string[] = [];
  for (let i = 0; i < count; i++) {
    colours.push(CATEGORY_COLOURS[i % CATEGORY_COLOURS.length] ?? '#000000');
    const shift = Math.floor(i / CATEGORY_COLOURS.length);
    shapes.push(CATEGORY_SHAPES[(i + shift) % CATEGORY_SHAPES.length] ?? 'circle');
  }
  return { colours, shapes };
}

/** Legend columns for labels of these lengths: three short, two medium, one long (long labels are never cut). */
export function legendLayout(labels: readonly string[]): { columns: number; labelLimit: number } {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  if (longest <= 28) return { columns: 3, labelLimit: 0 };
  if (longest <= 44) return { columns: 2, labelLimit: 0 };
  return { columns: 1, labelLimit: 0 };
}

/** Characters per line when wrapping axis labels of services and elements. */
export const AXIS_LABEL_WRAP = 32;

/**
 * The service axis of a grid chart (one row per service, in `serviceNames` order, names wrapped, no domain line or
 * ticks): the scenario heatmap, the weak-spot matrix and the outage-duration grid share it.
 */
export function serviceGridAxis(serviceNames: readonly string[]) {
  return {
    field: 'service',
    type: 'nominal' as const,
    scale: { domain: [...serviceNames] },
    title: null,
    axis: {
      labelLimit: 0,
      labelExpr: wrappedLabelExpr(serviceNames, AXIS_LABEL_WRAP),
      domain: false,
      ticks: false,
    },
  };
}

/** Width in pixels of a single line of text in the chart font: (text, font size in px, bold) → width in px. */
export type MeasureText = (text: string, fontSize: number, bold: boolean) => number;

/** Options of {@link buildCharts}; every field optional. */
export interface ChartBuildOptions {
  /** Marking line drawn above and below every chart (e.g. a classification), or null for none; default null. */
  readonly marking?: string | null;
  /** Text widths for label placement on maps; default an estimate of 0.62 em a character (DejaVu Sans is wide). */
  readonly measureText?: MeasureText;
}

/** {@link ChartBuildOptions} with every field set. */
export interface ResolvedChartOptions {
  readonly marking: string | null;
  readonly measureText: MeasureText;
}

/** Rough DejaVu Sans advance: about 0.62 em a character, a little more in bold (an over-estimate is safe). */
const ESTIMATED_EM_PER_CHAR = 0.62;

/** Fills the defaults of {@link ChartBuildOptions}. */
export function resolveChartOptions(options: ChartBuildOptions = {}): ResolvedChartOptions {
  return {
    marking: options.marking ?? null,
    measureText:
      options.measureText ??
      ((text, fontSize, bold) => [...text].length * fontSize * ESTIMATED_EM_PER_CHAR * (bold ? 1.1 : 1)),
  };
}

/** Height in px of one line of a wrapped axis label: Vega's default line height for an 11 px label (size + 2). */
export const LABEL_LINE_HEIGHT = 13;

/**
 * The height of one band of a nominal axis whose labels wrap at `maxChars`: tall enough for the longest label's
 * lines plus a gap, and at least `minHeight`, so multi-line labels never run into their neighbours.
 */
export function bandHeightFor(
  labels: readonly string[],
  maxChars: number,
  minHeight: number,
  lineHeight = LABEL_LINE_HEIGHT,
): number {
  const lines = Math.max(1, ...labels.map((l) => wrapText(l, maxChars).length));
  return Math.max(minHeight, lineHeight * lines + 6);
}

/** Font size and line height in px of a key under a chart. */
const KEY_FONT_SIZE = 10.5;
const KEY_LINE_HEIGHT = 15;

/**
 * A key under a chart whose columns carry short codes (S1, S2, … or 1, 2, …): one line per code with its full name,
 * as a view to concatenate below the chart. Names are never cut.
 * @param width the view's width in px (the chart's); longer lines extend the canvas
 */
export function buildKeyPanel(lines: readonly string[], width: number): ConcatPanelSpec {
  return {
    data: { values: lines.map((line, index) => ({ line, index })) },
    width,
    height: KEY_LINE_HEIGHT * lines.length,
    view: { stroke: null },
    mark: { type: 'text', align: 'left', baseline: 'middle', fontSize: KEY_FONT_SIZE },
    encoding: {
      text: { field: 'line', type: 'nominal' },
      x: { value: 0 },
      y: { field: 'index', type: 'ordinal', axis: null, scale: { padding: 0.5 } },
    },
  };
}
