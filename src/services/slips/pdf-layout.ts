import { PDFDocument, type PDFFont, type PDFPage, PageSizes, grayscale } from 'pdf-lib';
import { type FontStyle, sharedFontkit, slipFonts } from './font-files.js';

/**
 * A small typesetter for A4 administrative slips on pdf-lib: wrapped and justified paragraphs of mixed styles,
 * tables whose cells wrap and whose rows continue on the next page under a repeated header, and page numbers.
 * Coordinates are PDF points from the bottom left; `y` is the top of the next line. Only the glyphs used are
 * embedded (subset), which keeps a slip near 30 KB.
 */

export type { FontStyle };

const MM = 72 / 25.4;
const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
/** Decree 30/2020/NĐ-CP margins for administrative documents: top and bottom 20 mm, left 30 mm, right 15 mm. */
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
export const BODY_SIZE = 12;
/** Tall enough for stacked Vietnamese marks on capitals ("Ẫ", "Ổ") without touching the line above. */
const LEADING = 1.4;
const CELL_PADDING = 4;
const BORDER = 0.6;

/** A piece of text in one style; paragraphs are lists of runs so a label and its bold value wrap together. */
export type Run = { text: string; style?: FontStyle };
export type Align = 'left' | 'center' | 'right' | 'justify';
export type TextOptions = { size?: number; style?: FontStyle; align?: Align; x?: number; width?: number; indent?: number; spaceAfter?: number };

/** Words glued to their neighbours (no space between runs, e.g. a bold value and its full stop) stay together. */
type Piece = { text: string; style: FontStyle; width: number };
type Chunk = { pieces: Piece[]; width: number; spaceBefore: boolean };
type Line = { chunks: Chunk[]; width: number; last: boolean };

export type Column = { title: string; width: number; align?: Align };
export type Cell = string | Run[];

export type DocumentInfo = { title: string; subject: string; author: string; language: string; now: Date };

/** Advance widths at size 1 by style and text; the same font files serve every document of the process. */
const widths = new Map<string, number>();

export class PdfWriter {
  private page!: PDFPage;
  private pageFont: FontStyle | null = null;
  /** Top of the next line. */
  y = 0;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<FontStyle, PDFFont>,
  ) {
    this.newPage();
  }

  static async create(info: DocumentInfo): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(sharedFontkit);
    const bytes = slipFonts();
    const fonts = {
      regular: await doc.embedFont(bytes.regular, { subset: true }),
      bold: await doc.embedFont(bytes.bold, { subset: true }),
      italic: await doc.embedFont(bytes.italic, { subset: true }),
    };
    doc.setTitle(info.title, { showInWindowTitleBar: true });
    doc.setSubject(info.subject);
    doc.setAuthor(info.author);
    doc.setLanguage(info.language);
    doc.setCreator('congso');
    doc.setProducer('congso (pdf-lib)');
    doc.setCreationDate(info.now);
    doc.setModificationDate(info.now);
    return new PdfWriter(doc, fonts);
  }

  get left(): number {
    return MARGIN.left;
  }
  get width(): number {
    return PAGE_WIDTH - MARGIN.left - MARGIN.right;
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pageFont = null;
    this.y = PAGE_HEIGHT - MARGIN.top;
  }

  /** Starts a new page unless `height` still fits above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  moveDown(points: number): void {
    this.y -= points;
  }

  lineHeight(size = BODY_SIZE): number {
    return size * LEADING;
  }

  widthOf(text: string, style: FontStyle = 'regular', size = BODY_SIZE): number {
    return this.measure(clean(text), style, size);
  }

  /** A paragraph, wrapped to the width (the text width unless given), continuing on a new page when needed. */
  text(content: string | Run[], opts: TextOptions = {}): void {
    const size = opts.size ?? BODY_SIZE;
    const x = (opts.x ?? this.left) + (opts.indent ?? 0);
    const width = (opts.width ?? this.width) - (opts.indent ?? 0);
    const lh = this.lineHeight(size);
    for (const line of this.wrap(runsOf(content, opts.style), width, size)) {
      this.ensure(lh);
      this.drawLine(line, x, width, this.y, size, opts.align ?? 'left');
      this.y -= lh;
    }
    this.y -= opts.spaceAfter ?? 0;
  }

  /** A horizontal rule, e.g. under the motto; `y` defaults to just below the cursor. */
  rule(x1: number, x2: number, y = this.y - 1): void {
    this.page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness: 0.6, color: grayscale(0) });
  }

  /** Draws raw vector operators on the current page (the QR code). */
  drawOperators(...ops: Parameters<PDFPage['pushOperators']>): void {
    this.page.pushOperators(...ops);
  }

  /**
   * A bordered table. Each row is as tall as its tallest cell; a row that does not fit on the page goes to the next
   * one whole when it can, and is split between pages only when it is taller than a page. The header row is
   * repeated at the top of every page the table runs onto.
   */
  table(columns: Column[], rows: Cell[][], opts: { size?: number } = {}): void {
    const size = opts.size ?? BODY_SIZE - 1;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const header = columns.map((c) => [{ text: c.title, style: 'bold' as const }]);
    const headerLines = this.cellLines(header, widths, size);
    const drawHeader = () => this.tableRow(headerLines, columns.map(() => 'center' as const), widths, size, null);
    const bodies = rows.map((row) => this.cellLines(row.map((c) => runsOf(c)), widths, size));
    // The header never stays alone at the foot of a page: it needs room for two lines of the first row below it.
    const firstLines = Math.min(2, Math.max(1, ...(bodies[0] ?? []).map((c) => c.length)));
    this.ensure((Math.max(...headerLines.map((c) => c.length)) + firstLines) * this.lineHeight(size) + 4 * CELL_PADDING);
    drawHeader();
    const aligns = columns.map((c) => c.align ?? 'left');
    for (const lines of bodies) this.tableRow(lines, aligns, widths, size, drawHeader);
  }

  /** Saves the document, numbering the pages when there is more than one ("Trang 1/2"). */
  async finish(pageLabel: (n: number, of: number) => string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    if (pages.length > 1) {
      const size = BODY_SIZE - 2;
      pages.forEach((page, i) => {
        const label = clean(pageLabel(i + 1, pages.length));
        const w = this.measure(label, 'italic', size);
        page.drawText(label, { x: (PAGE_WIDTH - w) / 2, y: MARGIN.bottom / 2, size, font: this.fonts.italic });
      });
    }
    return this.doc.save();
  }

  private cellLines(cells: Run[][], widths: number[], size: number): Line[][] {
    return cells.map((runs, i) => this.wrap(runs, widths[i]! - 2 * CELL_PADDING, size));
  }

  private tableRow(cells: Line[][], aligns: Align[], widths: number[], size: number, onNewPage: (() => void) | null): void {
    const lh = this.lineHeight(size);
    const count = Math.max(1, ...cells.map((c) => c.length));
    const fits = (n: number) => this.y - n * lh - 2 * CELL_PADDING >= MARGIN.bottom;
    let from = 0;
    let fresh = false;
    while (from < count) {
      // A row moves whole to a fresh page rather than leave some lines behind; only a row taller than a page splits.
      if (!fresh && !fits(from === 0 ? count : 1)) {
        this.newPage();
        onNewPage?.();
        fresh = true;
        continue;
      }
      let n = count - from;
      while (n > 1 && !fits(n)) n--;
      const height = n * lh + 2 * CELL_PADDING;
      let x = this.left;
      cells.forEach((lines, i) => {
        lines.slice(from, from + n).forEach((line, k) => {
          this.drawLine(line, x + CELL_PADDING, widths[i]! - 2 * CELL_PADDING, this.y - CELL_PADDING - k * lh, size, aligns[i]!);
        });
        x += widths[i]!;
      });
      this.box(widths, this.y, height);
      this.y -= height;
      from += n;
      fresh = false;
    }
  }

  private box(widths: number[], top: number, height: number): void {
    const right = this.left + widths.reduce((s, w) => s + w, 0);
    const line = (x1: number, y1: number, x2: number, y2: number) => this.page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: BORDER, color: grayscale(0) });
    line(this.left, top, right, top);
    line(this.left, top - height, right, top - height);
    let x = this.left;
    for (const w of [0, ...widths]) {
      x += w;
      line(x, top, x, top - height);
    }
  }

  private drawLine(line: Line, x: number, width: number, top: number, size: number, align: Align): void {
    const baseline = top - size * 1.1;
    const gaps = line.chunks.filter((c, i) => i > 0 && c.spaceBefore).length;
    const slack = width - line.width;
    let cursor = x + (align === 'center' ? slack / 2 : align === 'right' ? slack : 0);
    const stretch = align === 'justify' && !line.last && gaps > 0 && slack > 0 ? slack / gaps : 0;
    line.chunks.forEach((chunk, i) => {
      if (i > 0 && chunk.spaceBefore) cursor += this.spaceWidth(chunk.pieces[0]!.style, size) + stretch;
      for (const piece of chunk.pieces) {
        this.useFont(piece.style);
        this.page.drawText(piece.text, { x: cursor, y: baseline, size });
        cursor += piece.width;
      }
    });
  }

  /** Shaping a word costs far more than looking it up, and slips repeat their words (labels, names, dates). */
  private measure(text: string, style: FontStyle, size: number): number {
    const key = `${style}:${text}`;
    let unit = widths.get(key);
    if (unit === undefined) {
      if (widths.size > 50_000) widths.clear();
      unit = this.fonts[style].widthOfTextAtSize(text, 1);
      widths.set(key, unit);
    }
    return unit * size;
  }

  /** pdf-lib adds a font resource to the page at every font change, so the font is changed only when it does. */
  private useFont(style: FontStyle): void {
    if (this.pageFont === style) return;
    this.page.setFont(this.fonts[style]);
    this.pageFont = style;
  }

  private spaceWidth(style: FontStyle, size: number): number {
    return this.measure(' ', style, size);
  }

  /** Greedy line filling; a word longer than the line is cut between characters. Hard line breaks are kept. */
  private wrap(runs: Run[], width: number, size: number): Line[] {
    const lines: Line[] = [];
    for (const paragraph of this.chunks(runs, size)) {
      let current: Chunk[] = [];
      let used = 0;
      const flush = () => {
        lines.push({ chunks: current, width: used, last: false });
        current = [];
        used = 0;
      };
      for (const chunk of paragraph.flatMap((c) => this.split(c, width, size))) {
        let gap = current.length > 0 && chunk.spaceBefore ? this.spaceWidth(chunk.pieces[0]!.style, size) : 0;
        if (current.length > 0 && used + gap + chunk.width > width) {
          flush();
          gap = 0;
        }
        used += gap + chunk.width;
        current.push(chunk);
      }
      flush();
      lines[lines.length - 1]!.last = true;
    }
    return lines;
  }

  /** Runs → paragraphs (split at "\n") → chunks of glued pieces, each measured in its own style. */
  private chunks(runs: Run[], size: number): Chunk[][] {
    const paragraphs: Chunk[][] = [[]];
    let space = false;
    for (const run of runs) {
      const style = run.style ?? 'regular';
      for (const token of clean(run.text, true).split(/(\n|[ ]+)/)) {
        if (token === '') continue;
        if (token === '\n') {
          paragraphs.push([]);
          space = false;
        } else if (token.trim() === '') {
          space = true;
        } else {
          const paragraph = paragraphs[paragraphs.length - 1]!;
          const piece = { text: token, style, width: this.measure(token, style, size) };
          const previous = paragraph[paragraph.length - 1];
          if (previous && !space) {
            previous.pieces.push(piece);
            previous.width += piece.width;
          } else paragraph.push({ pieces: [piece], width: piece.width, spaceBefore: space });
          space = false;
        }
      }
    }
    return paragraphs;
  }

  private split(chunk: Chunk, width: number, size: number): Chunk[] {
    if (chunk.width <= width) return [chunk];
    const out: Chunk[] = [];
    let current: Chunk = { pieces: [], width: 0, spaceBefore: chunk.spaceBefore };
    for (const piece of chunk.pieces) {
      for (const ch of Array.from(piece.text)) {
        const w = this.measure(ch, piece.style, size);
        if (current.width + w > width && current.width > 0) {
          out.push(current);
          current = { pieces: [], width: 0, spaceBefore: false };
        }
        const last = current.pieces[current.pieces.length - 1];
        if (last && last.style === piece.style) last.text += ch;
        else current.pieces.push({ text: ch, style: piece.style, width: 0 });
        current.pieces[current.pieces.length - 1]!.width += w;
        current.width += w;
      }
    }
    out.push(current);
    return out;
  }
}

function runsOf(content: Cell, style?: FontStyle): Run[] {
  return typeof content === 'string' ? [{ text: content, style }] : content;
}

/**
 * Text as the font can draw it: composed (a decomposed "ệ" would be drawn as e plus floating marks, since pdf-lib
 * does not position marks), with tabs and other control characters turned into spaces. Newlines are kept for
 * paragraphs only.
 */
function clean(text: string, keepNewlines = false): string {
  const normal = text.normalize('NFC').replace(/\r\n?/g, '\n');
  return keepNewlines ? normal.replace(/[\u0000-\u0009\u000b-\u001f\u007f\u00a0]/g, ' ') : normal.replace(/[\u0000-\u001f\u007f\u00a0]/g, ' ');
}
