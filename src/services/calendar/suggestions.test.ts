import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { suggestYear } from './suggestions.js';
import { DEFAULT_WEEK, type Week } from './working-time.js';

const kinds = (year: number, week: Week = DEFAULT_WEEK) => Object.fromEntries(suggestYear(year, week).map((s) => [s.day, s.kind]));

describe('holiday suggestions', () => {
  test('2026: the five Tết days from date-holidays, Hùng Kings on Sunday 26 April with Monday 27 off, and 1–2 September', () => {
    const s = suggestYear(2026, DEFAULT_WEEK);
    assert.deepEqual(
      s.map((x) => `${x.day} ${x.kind}`),
      [
        '2026-01-01 holiday',
        '2026-02-16 holiday',
        '2026-02-17 holiday',
        '2026-02-18 holiday',
        '2026-02-19 holiday',
        '2026-02-20 holiday',
        '2026-04-26 holiday',
        '2026-04-27 day_off',
        '2026-04-30 holiday',
        '2026-05-01 holiday',
        '2026-09-01 holiday',
        '2026-09-02 holiday',
      ],
    );
    assert.equal(s.find((x) => x.day === '2026-02-18')!.name, 'Tết Nguyên Đán');
    assert.equal(s.find((x) => x.day === '2026-04-27')!.name, 'Nghỉ bù Giỗ tổ Hùng Vương');
    assert.equal(s.find((x) => x.day === '2026-09-01')!.source, 'rule');
  });

  test('2027: Tết days on the weekend give compensatory days after the block, Labour Day on a Saturday gives Monday', () => {
    const k = kinds(2027);
    assert.equal(k['2027-02-06'], 'holiday');
    assert.equal(k['2027-02-10'], 'day_off');
    assert.equal(k['2027-02-11'], 'day_off');
    assert.equal(k['2027-05-03'], 'day_off');
    assert.equal(k['2027-09-03'], 'holiday', 'Thursday 2 September joins Friday');
  });

  test('compensation follows the configured week: with Saturday working, only Sunday holidays are compensated', () => {
    const k = kinds(2027, { ...DEFAULT_WEEK, 6: [{ start: 420, end: 690 }] });
    assert.equal(k['2027-05-03'], undefined);
    assert.equal(k['2027-02-10'], 'day_off');
    assert.equal(k['2027-02-11'], undefined);
  });

  test('only public holidays are suggested, none of the observances', () => {
    const names = suggestYear(2026, DEFAULT_WEEK).map((s) => s.name);
    assert.ok(!names.some((n) => /Phật|Trung thu/.test(n)));
  });
});
