import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFPage, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream } from 'pdf-lib';

/**
 * Reads back what a generated PDF draws, without a PDF renderer: each page's text through its fonts' ToUnicode
 * maps (the glyph ids of an embedded, subsetted font mean nothing on their own), and facts about the fonts. Enough
 * for pdf-lib's own output, which shows hex glyph strings with Tj; not a general text extractor.
 */

export type PdfFontInfo = { baseFont: string; embedded: boolean; fileBytes: number };
export type PdfPageText = { text: string; glyphs: number; content: string };

export async function readPdf(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages().map((page) => pageText(doc, page));
  return { doc, pages, fonts: fontInfos(doc, doc.getPages()) };
}

/** All the text of the document, pages joined, with runs of whitespace as single spaces. */
export function plain(pages: PdfPageText[]): string {
  return pages
    .map((p) => p.text)
    .join(' ')
    .replace(/\s+/g, ' ');
}

function pageText(doc: PDFDocument, page: PDFPage): PdfPageText {
  const maps = new Map<string, Map<number, string>>();
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref, PDFDict);
    const toUnicode = font.lookupMaybe(PDFName.of('ToUnicode'), PDFStream);
    maps.set(name.asString(), toUnicode ? parseCmap(streamText(toUnicode)) : new Map());
  }
  const content = contentOf(doc, page);
  let font = new Map<number, string>();
  let text = '';
  let glyphs = 0;
  for (const m of content.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
    if (m[1]) font = maps.get(m[1]) ?? new Map();
    else {
      const hex = m[2]!;
      for (let i = 0; i < hex.length; i += 4) {
        text += font.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
        glyphs++;
      }
      text += ' ';
    }
  }
  return { text, glyphs, content };
}

function contentOf(doc: PDFDocument, page: PDFPage): string {
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  return streams.map((s) => (s instanceof PDFStream ? streamText(s) : '')).join('\n');
}

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return Buffer.from(bytes).toString('latin1');
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const units = m[2]!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
      map.set(parseInt(m[1]!, 16), String.fromCharCode(...units));
    }
  }
  return map;
}

function fontInfos(doc: PDFDocument, pages: PDFPage[]): PdfFontInfo[] {
  const seen = new Map<string, PdfFontInfo>();
  for (const page of pages) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const key = ref instanceof PDFRef ? ref.toString() : String(ref);
      if (seen.has(key)) continue;
      const font = doc.context.lookup(ref, PDFDict);
      const baseFont = font.lookup(PDFName.of('BaseFont'), PDFName).decodeText();
      // A TrueType font embedded by fontkit is a Type0 font whose descendant's descriptor carries the file.
      const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
      const descriptor = (descendant ?? font).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const file = descriptor?.lookupMaybe(PDFName.of('FontFile2'), PDFStream) ?? descriptor?.lookupMaybe(PDFName.of('FontFile3'), PDFStream);
      seen.set(key, { baseFont, embedded: Boolean(file), fileBytes: file ? file.getContentsSize() : 0 });
    }
  }
  return [...seen.values()];
}
