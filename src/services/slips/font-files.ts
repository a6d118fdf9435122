import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

/**
 * The slips' typeface: Noto Serif (regular, bold, italic) as shipped by the npm package
 * @expo-google-fonts/noto-serif (fonts under the SIL Open Font License 1.1), which covers every Vietnamese letter
 * with precomposed glyphs. It ships with the app because a fresh server has no system fonts.
 */

const require = createRequire(import.meta.url);
const FILES = {
  regular: '400Regular/NotoSerif_400Regular.ttf',
  bold: '700Bold/NotoSerif_700Bold.ttf',
  italic: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
} as const;
export type FontStyle = keyof typeof FILES;

let cache: Record<FontStyle, Uint8Array> | null = null;

/** The three font files, read and repaired once per process. */
export function slipFonts(): Record<FontStyle, Uint8Array> {
  cache ??= {
    regular: padGlyphs(readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${FILES.regular}`))),
    bold: padGlyphs(readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${FILES.bold}`))),
    italic: padGlyphs(readFileSync(require.resolve(`@expo-google-fonts/noto-serif/${FILES.italic}`))),
  };
  return cache;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
const parsed = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();

/**
 * fontkit with its parsed fonts kept: parsing Noto Serif's tables again for every slip was most of a slip's time.
 * Each document makes its own subset from the shared font. One catch: fontkit caches a glyph with the characters
 * it was first reached by, and a subset reaches the parts of composed glyphs ("O" inside "Ố") with none, so a later
 * document would lose those characters from its text layer (copy, search, screen readers). Reaching every glyph
 * through its character first, once, settles that.
 */
export const sharedFontkit: Fontkit = {
  create(bytes, postscriptName) {
    let font = parsed.get(bytes);
    if (!font) {
      font = fontkit.create(bytes, postscriptName);
      for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
      parsed.set(bytes, font);
    }
    return font;
  },
};

/**
 * Pads every glyph of a TrueType font to a multiple of four bytes. fontkit's subsetter copies glyphs as they are
 * and, for a small subset, writes the short `loca` format, which stores offsets halved: after a glyph of odd
 * length (Noto Serif has over a thousand) every later glyph is read from the wrong place, and viewers draw
 * nothing. Padded glyphs keep all offsets even. The font's outlines are unchanged.
 */
export function padGlyphs(font: Uint8Array): Uint8Array {
  const src = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = src.getUint16(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 12 + 16 * i;
    return { tag: String.fromCharCode(...font.subarray(at, at + 4)), offset: src.getUint32(at + 8), length: src.getUint32(at + 12) };
  });
  const table = (tag: string) => {
    const t = tables.find((x) => x.tag === tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t;
  };
  const head = table('head');
  const longLoca = src.getInt16(head.offset + 50) === 1;
  const numGlyphs = src.getUint16(table('maxp').offset + 4);
  const loca = table('loca');
  const glyf = table('glyf');
  const offsetOf = (i: number) => (longLoca ? src.getUint32(loca.offset + 4 * i) : src.getUint16(loca.offset + 2 * i) * 2);

  const glyphs: Uint8Array[] = [];
  const newLoca = new DataView(new ArrayBuffer(4 * (numGlyphs + 1)));
  let size = 0;
  for (let i = 0; i < numGlyphs; i++) {
    const data = font.subarray(glyf.offset + offsetOf(i), glyf.offset + offsetOf(i + 1));
    newLoca.setUint32(4 * i, size);
    const padded = new Uint8Array(align4(data.length));
    padded.set(data);
    glyphs.push(padded);
    size += padded.length;
  }
  newLoca.setUint32(4 * numGlyphs, size);
  const newGlyf = new Uint8Array(size);
  glyphs.reduce((at, g) => (newGlyf.set(g, at), at + g.length), 0);
  const newHead = new Uint8Array(font.subarray(head.offset, head.offset + head.length));
  const headView = new DataView(newHead.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, recomputed below
  headView.setInt16(50, 1); // long loca

  const data = tables.map((t) => (t.tag === 'glyf' ? newGlyf : t.tag === 'loca' ? new Uint8Array(newLoca.buffer) : t.tag === 'head' ? newHead : font.subarray(t.offset, t.offset + t.length)));
  const headerSize = 12 + 16 * numTables;
  const out = new Uint8Array(headerSize + data.reduce((s, d) => s + align4(d.length), 0));
  const view = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  let at = headerSize;
  tables.forEach((t, i) => {
    const record = 12 + 16 * i;
    out.set(font.subarray(12 + 16 * i, 12 + 16 * i + 4), record);
    view.setUint32(record + 4, checksum(data[i]!));
    view.setUint32(record + 8, at);
    view.setUint32(record + 12, data[i]!.length);
    out.set(data[i]!, at);
    at += align4(data[i]!.length);
  });
  const headAt = view.getUint32(12 + 16 * tables.indexOf(head) + 8);
  view.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(align4(bytes.length));
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}
