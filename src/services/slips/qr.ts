import { fill, grayscale, popGraphicsState, pushGraphicsState, rectangle, setFillingColor } from 'pdf-lib';
import QRCode from 'qrcode';
import type { PdfWriter } from './pdf-layout.js';

/** A run of dark modules on one row of the symbol: column, row, length (in modules). */
export type ModuleRun = { x: number; y: number; length: number };

/**
 * The QR symbol of a text as runs of dark modules. Medium error correction survives a creased or smudged slip;
 * drawing runs instead of single modules keeps the page small and prints crisp at any resolution.
 */
export function qrRuns(text: string): { size: number; runs: ModuleRun[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: ModuleRun[] = [];
  for (let y = 0; y < modules.size; y++) {
    let start = -1;
    for (let x = 0; x <= modules.size; x++) {
      const dark = x < modules.size && modules.get(y, x) === 1;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ x: start, y, length: x - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

/** Draws the symbol as vector rectangles, `side` points wide, its top left corner at (x, top). */
export function drawQr(w: PdfWriter, text: string, x: number, top: number, side: number): void {
  const { size, runs } = qrRuns(text);
  // The quiet zone the standard asks for (4 modules) is left white around the symbol inside `side`.
  const unit = side / (size + 8);
  const origin = { x: x + 4 * unit, y: top - 4 * unit };
  w.drawOperators(
    pushGraphicsState(),
    setFillingColor(grayscale(0)),
    ...runs.map((r) => rectangle(origin.x + r.x * unit, origin.y - (r.y + 1) * unit, r.length * unit, unit)),
    fill(),
    popGraphicsState(),
  );
}
