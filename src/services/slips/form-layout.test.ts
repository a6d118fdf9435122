import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { vn } from '../../../test/support/dossier-views.js';
import { translator } from '../../platform/i18n/index.js';
import { padGlyphs } from './font-files.js';
import { formatMoney, placeDate, slipTime } from './form-layout.js';

const t = translator('vi');

describe('slip formats', () => {
  test('money has "." between thousands', () => {
    assert.deepEqual([0, 500, 8000, 1_250_000, 1_000_000_000].map(formatMoney), ['0', '500', '8.000', '1.250.000', '1.000.000.000']);
  });

  test('the date line pads days below 10 and months below 3, in Vietnam time', () => {
    assert.equal(placeDate(t, 'Cao Bằng', vn('2026-01-05 10:00')), 'Cao Bằng, ngày 05 tháng 01 năm 2026');
    assert.equal(placeDate(t, 'Cao Bằng', vn('2026-03-16 10:00')), 'Cao Bằng, ngày 16 tháng 3 năm 2026');
    // 00:30 on 1 December in Hà Nội is still 30 November in UTC.
    assert.equal(placeDate(t, 'Hà Nội', vn('2026-12-01 00:30')), 'Hà Nội, ngày 01 tháng 12 năm 2026');
  });

  test('times are written as the forms write them, in Vietnam time', () => {
    assert.equal(slipTime(t, vn('2026-03-23 09:05')), '09 giờ 05 phút, ngày 23/03/2026');
    assert.equal(slipTime(translator('en'), new Date('2026-03-22T17:30:00Z')), '00:30 on 23/03/2026');
  });
});

describe('the font files', () => {
  test('padding keeps every glyph and its metrics, puts each glyph at a multiple of four, and keeps the checksums true', () => {
    const file = readFileSync(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'));
    const original = fontkit.create(file);
    const padded = padGlyphs(file);
    const again = fontkit.create(padded);
    assert.equal(again.numGlyphs, original.numGlyphs);
    for (const ch of ['A', 'ậ', 'Ữ', 'đ', '₫']) {
      const [a] = original.layout(ch).glyphs;
      const [b] = again.layout(ch).glyphs;
      assert.equal(b!.id, a!.id, ch);
      assert.equal(b!.advanceWidth, a!.advanceWidth, ch);
      assert.equal(b!.path.toSVG(), a!.path.toSVG(), ch);
      assert.notEqual(a!.id, 0, `${ch} is in the font`);
    }
    const offsets = (again as unknown as { loca: { offsets: number[] } }).loca.offsets;
    assert.ok(offsets.every((o) => o % 4 === 0));
    const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
    let sum = 0;
    for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
    assert.equal(sum, 0xb1b0afba);
  });
});
