// Test support: reads the pages of a PDF printed by Chromium (Skia's writer: plain objects, no object streams):
// per page its link annotations (URI and rectangle) and how many text-showing operators its content draws. Enough to
// find which page an element landed on (a probe link placed in it) and whether a page holds anything.

import { inflateSync } from 'node:zlib';

/** A link annotation: its target and its rectangle in PDF points (origin bottom left). */
export interface PdfLink {
  readonly uri: string;
  readonly rect: readonly [number, number, number, number];
}

/** One page of a PDF. */
export interface PdfPage {
  /** 1-based page number. */
  readonly number: number;
  readonly links: readonly PdfLink[];
  /** Text-showing operators (Tj, TJ, ', ") in the page's content streams. */
  readonly textRuns: number;
}

interface PdfObject {
  readonly dict: string;
  readonly stream: Buffer | null;
}

/** Splits a PDF into its numbered objects (dictionary text and raw stream bytes). */
function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text)) !== null) {
    const id = Number(match[1]);
    const start = header.lastIndex;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = Number(/\/Length (\d+)(?! \d+ R)/.exec(dict)?.[1] ?? NaN);
      let dataStart = streamAt + 'stream'.length;
      if (text[dataStart] === '\r') dataStart++;
      if (text[dataStart] === '\n') dataStart++;
      const dataEnd = Number.isFinite(length) ? dataStart + length : text.indexOf('endstream', dataStart);
      objects.set(id, { dict, stream: pdf.subarray(dataStart, dataEnd) });
      header.lastIndex = text.indexOf('endobj', dataEnd) + 'endobj'.length;
    } else {
      objects.set(id, { dict: text.slice(start, endAt), stream: null });
      header.lastIndex = endAt + 'endobj'.length;
    }
  }
  return objects;
}

function references(text: string): number[] {
  return [...text.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
}

function decodeStream(object: PdfObject): string {
  if (object.stream === null) return '';
  const data = /\/Filter\s*\/FlateDecode/.test(object.dict) ? inflateSync(object.stream) : object.stream;
  return data.toString('latin1');
}

/** Reads a literal PDF string body, undoing its backslash escapes. */
function unescapePdfString(raw: string): string {
  return raw.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
    const simple: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      b: '\b',
      f: '\f',
      '(': '(',
      ')': ')',
      '\\': '\\',
    };
    return simple[c] ?? String.fromCharCode(parseInt(c, 8));
  });
}

/** The pages of a PDF in reading order, with their links and the number of text runs each draws. */
export function readPdfPages(pdf: Buffer): PdfPage[] {
  const objects = readObjects(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  const rootPages = Number(/\/Pages (\d+) 0 R/.exec(catalog?.dict ?? '')?.[1] ?? NaN);
  const order: number[] = [];
  const visit = (id: number) => {
    const node = objects.get(id);
    if (node === undefined) return;
    if (/\/Type\s*\/Pages/.test(node.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '';
      for (const kid of references(kids)) visit(kid);
    } else if (/\/Type\s*\/Page\b/.test(node.dict)) {
      order.push(id);
    }
  };
  visit(rootPages);
  return order.map((id, index) => {
    const dict = objects.get(id)?.dict ?? '';
    const annots = /\/Annots\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
    const links = references(annots).flatMap((ref): PdfLink[] => {
      const a = objects.get(ref)?.dict ?? '';
      const uri = /\/URI\s*\(((?:\\.|[^\\)])*)\)/.exec(a)?.[1];
      const rect = /\/Rect\s*\[([^\]]*)\]/.exec(a)?.[1]?.trim().split(/\s+/).map(Number);
      if (uri === undefined || rect === undefined || rect.length !== 4) return [];
      return [{ uri: unescapePdfString(uri), rect: [rect[0] ?? 0, rect[1] ?? 0, rect[2] ?? 0, rect[3] ?? 0] }];
    });
    const contentRefs = (() => {
      const array = /\/Contents\s*\[([^\]]*)\]/.exec(dict)?.[1];
      if (array !== undefined) return references(array);
      const single = /\/Contents (\d+) 0 R/.exec(dict)?.[1];
      return single === undefined ? [] : [Number(single)];
    })();
    const content = contentRefs.map((ref) => decodeStream(objects.get(ref) ?? { dict: '', stream: null })).join('\n');
    const textRuns = (content.match(/(?:\)|>|\])\s*(?:Tj|TJ|'|")/g) ?? []).length;
    return { number: index + 1, links, textRuns };
  });
}
