// Vega fails on expressions holding a literal spelled like an Object.prototype member; vegaString and
// protectVegaText write every text so that Vega parses it and shows it unchanged.

import fc from 'fast-check';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { isUnsafeVegaLiteral, protectVegaText, vegaString, vegaStringArray } from '../../../../reports/charts/vega-literals.ts';

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Evaluates a Vega expression as a signal of an otherwise empty view. */
async function evaluate(expr: string): Promise<unknown> {
  const view = new vega.View(vega.parse({ signals: [{ name: 'x', update: expr }] }), { renderer: 'none' });
  try {
    await view.runAsync();
    return view.signal('x');
  } finally {
    view.finalize();
  }
}

/** Renders a Vega-Lite spec to SVG; throws on any error Vega throws or logs (inside a concat it only logs). */
async function render(spec: object): Promise<string> {
  const errors: unknown[] = [];
  const logger = vega.logger(vega.Error);
  logger.error = (...args: unknown[]) => {
    errors.push(args);
    return logger;
  };
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none', logger });
  try {
    await view.runAsync();
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(`Vega logged: ${String(errors[0])}`);
    return svg;
  } finally {
    view.finalize();
  }
}

const text = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 8 }));

describe('vegaString', () => {
  it('is the plain JSON literal for ordinary text', () => {
    expect(vegaString('Den Helder')).toBe('"Den Helder"');
    expect(isUnsafeVegaLiteral('valueOf ')).toBe(false);
  });

  it('shows that Vega fails on a plain literal "valueOf" (the reason this module exists)', async () => {
    await expect(evaluate('"valueOf"')).rejects.toThrow(/Operator not defined/);
  });

  it('evaluates in Vega to the text itself, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), async (texts) => {
        expect(await evaluate(vegaString(texts[0] ?? ''))).toBe(texts[0]);
        expect(await evaluate(vegaStringArray(texts))).toEqual(texts);
      }),
      { numRuns: 60 },
    );
  });
});

describe('protectVegaText', () => {
  const chart = (title: unknown, label: unknown) => ({
    title,
    data: { values: [{ s: 'valueOf', v: 1 }] },
    vconcat: [{ title, mark: { type: 'text', text: label, description: label }, encoding: { y: { field: 's', type: 'nominal', axis: { title: label } } } }],
  });

  it('leaves a spec without unsafe text equal to the input', () => {
    const spec = chart({ text: 'Availability', subtitle: ['a', 'b'] }, 'Den Helder');
    expect(protectVegaText(spec)).toEqual(spec);
  });

  it('makes titles, subtitles, texts and descriptions of every spelling render, and shows them unchanged', async () => {
    await expect(render(chart('valueOf', 'valueOf'))).rejects.toThrow(/Operator not defined/);
    for (const name of PROTOTYPE_NAMES) {
      const svg = await render(protectVegaText(chart({ text: [name], subtitle: name }, [name, name])));
      expect(svg).toContain(`>${name}<`);
    }
  });
});
