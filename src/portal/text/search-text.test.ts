import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../platform/db/client.js';
import { openTestDatabase } from '../../../test/support/db.js';
import { type Segment, foldVietnamese, highlight, normaliseQuery, toTsQuery } from './search-text.js';

const BASES: [string, string][] = [
  ['a', 'a'], ['ă', 'a'], ['â', 'a'], ['e', 'e'], ['ê', 'e'], ['i', 'i'],
  ['o', 'o'], ['ô', 'o'], ['ơ', 'o'], ['u', 'u'], ['ư', 'u'], ['y', 'y'],
];
/** No tone, huyền, sắc, hỏi, ngã, nặng. */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** Every Vietnamese letter that carries a mark, lower and upper case, with its plain letter: 134 in all. */
function markedLetters(): [string, string][] {
  const lower: [string, string][] = [];
  for (const [base, plain] of BASES) {
    for (const tone of TONES) {
      const letter = (base + tone).normalize('NFC');
      if (letter !== plain) lower.push([letter, plain]);
    }
  }
  lower.push(['đ', 'd']);
  return [...lower, ...lower.map(([l, p]): [string, string] => [l.toUpperCase(), p.toUpperCase()])];
}

const text = (segments: Segment[]) => segments.map((s) => s.text).join('');
const hits = (segments: Segment[]) => segments.filter((s) => s.hit).map((s) => s.text);

describe('folding Vietnamese like the database', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  const unaccent = async (s: string) => (await queryRows<{ u: string }>(database.db, sql`select f_unaccent(${s}) as u`))[0]!.u;

  test('folds each of the 134 marked letters, đ and Đ as f_unaccent does', async () => {
    const letters = markedLetters();
    assert.equal(letters.length, 134);
    assert.equal(new Set(letters.map(([l]) => l)).size, 134);
    const fromDb = (await unaccent(letters.map(([l]) => l).join(' '))).split(' ');
    letters.forEach(([letter, plain], i) => {
      assert.equal(foldVietnamese(letter), plain, letter);
      assert.equal(fromDb[i], plain, `database: ${letter}`);
    });
  });

  test('folds the decomposed (NFD) form of every marked letter as f_unaccent does', async () => {
    const letters = markedLetters().map(([l]) => l.normalize('NFD'));
    const fromDb = (await unaccent(letters.join(' '))).split(' ');
    letters.forEach((letter, i) => assert.equal(foldVietnamese(letter), fromDb[i], letter));
  });

  test('folds the eth, other undecomposed letters and typographic punctuation as f_unaccent does', async () => {
    const chars = [...'\u00d0\u00f0ØøÆæŒœßŁłÞþı“”‘’‐‑–—…'];
    const fromDb = (await unaccent(chars.join(' '))).split(' ');
    assert.equal(foldVietnamese('\u00d0'), 'D');
    chars.forEach((c, i) => assert.equal(foldVietnamese(c), fromDb[i], `U+${c.codePointAt(0)!.toString(16)}`));
  });

  test('folds whole sentences, plain letters, digits and symbols exactly as f_unaccent does', async () => {
    for (const s of [
      'Chuyển đổi số Đắk Lắk — Sở Thông tin và Truyền thông; “Hỏa tốc”, số 15/QĐ-UBND ngày 02/01/2026…',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
      "'; DROP TABLE users; -- <script>alert(1)</script>",
      'Nghị định 42/2022/NĐ-CP'.normalize('NFD'),
    ]) {
      assert.equal(foldVietnamese(s), await unaccent(s), s);
    }
  });

  test('keeps case, as unaccent does', () => {
    assert.equal(foldVietnamese('ĐẮK LẮK đắk lắk'), 'DAK LAK dak lak');
  });
});

describe('normalising a search query', () => {
  test('composes to NFC, trims and collapses white space', () => {
    assert.equal(normaliseQuery('  chuyển\t\n đổi   số  '.normalize('NFD')), 'chuyển đổi số'.normalize('NFC'));
    assert.equal(normaliseQuery('dịch\u00a0vụ\u2009công'), 'dịch vụ công');
  });

  test('removes control and invisible characters', () => {
    assert.equal(normaliseQuery('x\u0000y\u200bz\u202e w\u00ad\ufeff'), 'xyz w');
    assert.equal(normaliseQuery('a\ud800b'), 'ab');
  });

  test('limits the length in characters without splitting one', () => {
    assert.equal(normaliseQuery('đ'.repeat(500)).length, 200);
    assert.equal(normaliseQuery('ab cd', 3), 'ab');
    assert.equal(normaliseQuery('😀😀😀', 2), '😀😀');
  });

  test('treats anything but a string as no query', () => {
    assert.equal(normaliseQuery(['a', 'b']), '');
    assert.equal(normaliseQuery(undefined), '');
    assert.equal(normaliseQuery({ q: 'x' }), '');
  });
});

describe('full-text query strings', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(() => database.close());

  const matches = async (doc: string, input: string) => {
    const q = toTsQuery(input);
    const rows = await queryRows<{ m: boolean }>(
      database.db,
      sql`select to_tsvector('simple', f_unaccent(${doc})) @@ websearch_to_tsquery('simple', f_unaccent(${q})) as m`,
    );
    return rows[0]!.m;
  };

  test('finds "chuyển đổi số" when typed with or without diacritics', async () => {
    const doc = 'Hội nghị Chuyển đổi số tỉnh Cao Bằng năm 2026';
    assert.equal(await matches(doc, 'chuyen doi so'), true);
    assert.equal(await matches(doc, 'CHUYỂN ĐỔI SỐ'), true);
    assert.equal(await matches(doc, 'chuyển đổi số'.normalize('NFD')), true);
    assert.equal(await matches('chuyen doi so', 'Chuyển đổi số'), true);
    assert.equal(await matches(doc, 'chuyen doi so ha noi'), false);
  });

  test('treats đ as d, including the eth typed for Đ', async () => {
    assert.equal(await matches('Tỉnh Đắk Lắk', 'dak lak'), true);
    assert.equal(await matches('Tinh Dak Lak', 'đắk lắk'), true);
    assert.equal(await matches('Tỉnh Đắk Lắk', '\u00d0ắk'), true);
  });

  test('keeps quoted phrases, typographic quotes too', async () => {
    assert.equal(toTsQuery('"dịch vụ công" trực tuyến'), '"dịch vụ công" trực tuyến');
    assert.equal(toTsQuery('“dịch vụ công”'), '"dịch vụ công"');
    assert.equal(await matches('Cổng dịch vụ công quốc gia', '"dich vu cong"'), true);
    assert.equal(await matches('Công khai dịch vụ', '"dich vu cong"'), false);
    assert.equal(await matches('Công khai dịch vụ', 'dich vu cong'), true);
  });

  test('closes an unmatched quote', () => {
    assert.equal(toTsQuery('"hồ sơ trực'), '"hồ sơ trực"');
  });

  test('neutralises negation and "or" so they are ordinary words', async () => {
    assert.equal(toTsQuery('tin -tuc'), 'tin tuc');
    assert.equal(await matches('Tin tức sự kiện', 'tin -tuc'), true);
    assert.equal(toTsQuery('hoc or xyz'), 'hoc "or" xyz');
    assert.equal(await matches('Khoa học', 'hoc or xyz'), false);
    assert.equal(await matches('Khoa học OR xyz', 'hoc OR xyz'), true);
  });

  test('drops tsquery operators and punctuation', () => {
    assert.equal(toTsQuery('a:* & b | !c <-> (d)'), 'a b c d');
    assert.equal(toTsQuery('!!! ***'), '');
    assert.equal(toTsQuery('   '), '');
    assert.equal(toTsQuery(['a']), '');
  });

  test('keeps document numbers whole so "15/QĐ-UBND" finds the decision', async () => {
    assert.equal(toTsQuery('15/QĐ-UBND'), '15/QĐ-UBND');
    assert.equal(await matches('Quyết định số 15/QĐ-UBND ngày 02/01/2026', '15/QĐ-UBND'), true);
    assert.equal(await matches('Quyết định số 16/QĐ-UBND', '15/QĐ-UBND'), false);
  });

  test('runs SQL-ish input as plain words and leaves the database alone', async () => {
    assert.equal(toTsQuery("'; DROP TABLE users; --"), 'DROP TABLE users');
    assert.equal(await matches('Nội dung bình thường', "'; DROP TABLE users; --"), false);
    assert.equal(await matches('drop table users', "'; DROP TABLE users; --"), true);
    assert.equal(await matches('x', "\\'); select pg_sleep(10); --"), false);
    const rows = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from users`);
    assert.equal(typeof rows[0]!.n, 'number');
  });
});

describe('highlighting hits in a snippet', () => {
  test('marks "Chuyển đổi số" for "chuyen doi so" as one hit', () => {
    const s = highlight('Kế hoạch Chuyển đổi số tỉnh Cao Bằng', 'chuyen doi so');
    assert.deepEqual(s, [
      { text: 'Kế hoạch ', hit: false },
      { text: 'Chuyển đổi số', hit: true },
      { text: ' tỉnh Cao Bằng', hit: false },
    ]);
  });

  test('matches đ and d both ways', () => {
    assert.deepEqual(hits(highlight('Đồng Văn và Dong Van', 'dong')), ['Đồng', 'Dong']);
    assert.deepEqual(hits(highlight('Đồng Văn và Dong Van', 'ĐỒNG')), ['Đồng', 'Dong']);
    assert.deepEqual(hits(highlight('\u00d0iện Biên', 'điện')), ['\u00d0iện']);
  });

  test('matches whole words only', () => {
    assert.deepEqual(hits(highlight('Chuyển đổi và đô thị', 'do')), ['đô']);
    assert.deepEqual(hits(highlight('Hồ sơ', 'h')), []);
  });

  test('marks a quoted phrase across punctuation and a document number', () => {
    assert.deepEqual(hits(highlight('Cổng Dịch vụ công quốc gia; dịch vụ khác', '"dich vu cong"')), ['Dịch vụ công']);
    assert.deepEqual(hits(highlight('Theo Quyết định số 15/QĐ-UBND ngày 02/01/2026', '15/qd-ubnd')), ['15/QĐ-UBND']);
  });

  test('maps hits back correctly when folding changes the length', () => {
    assert.deepEqual(hits(highlight('Die Straße in Köln và đường phố', 'strasse duong')), ['Straße', 'đường']);
    // q with a dot below has no precomposed form, so the mark stays a character of its own and folds to nothing.
    assert.deepEqual(hits(highlight('Mq\u0323 và mq', 'mq')), ['Mq\u0323', 'mq']);
  });

  test('returns the text in NFC with white space collapsed', () => {
    const s = highlight('  Thủ tục\n\nhành   chính  '.normalize('NFD'), 'hanh chinh');
    assert.equal(text(s), 'Thủ tục hành chính'.normalize('NFC'));
    assert.deepEqual(hits(s), ['hành chính'.normalize('NFC')]);
  });

  test('returns markup and SQL-ish text verbatim for the view to escape', () => {
    const source = `<script>alert("x")</script> '; DROP TABLE users; --`;
    const s = highlight(source, 'script drop');
    assert.equal(text(s), source);
    assert.deepEqual(hits(s), ['script', 'script', 'DROP']);
    assert.deepEqual(hits(highlight('a <b> c', '<b>')), ['b']);
  });

  test('cuts a long text around the first hit at word boundaries, with ellipses', () => {
    const source = `${'Lorem ipsum dolor sit amet. '.repeat(30)}Tỉnh Đắk Lắk công bố${' kết quả năm 2026.'.repeat(30)}`;
    const s = highlight(source, 'dak lak', { maxLength: 80 });
    const snippet = text(s);
    assert.ok(snippet.length <= 82, snippet);
    assert.ok(snippet.startsWith('…') && snippet.endsWith('…'), snippet);
    assert.deepEqual(hits(s), ['Đắk Lắk']);
    const inner = snippet.slice(1, -1);
    assert.ok(source.includes(inner), 'a contiguous part of the text');
    const at = source.indexOf(inner);
    assert.equal(source[at - 1], ' ', 'starts after a space');
    assert.equal(source[at + inner.length], ' ', 'ends before a space');
  });

  test('starts at the beginning when nothing matches or the query is empty', () => {
    const source = `Thông báo ${'tuyển dụng viên chức '.repeat(20)}`;
    for (const q of ['khong co', '', '!!!']) {
      const s = highlight(source, q, { maxLength: 50 });
      assert.equal(s.length, 1);
      assert.equal(s[0]!.hit, false);
      assert.ok(s[0]!.text.startsWith('Thông báo tuyển dụng') && s[0]!.text.endsWith('…'));
    }
  });

  test('keeps a hit near the end inside the snippet', () => {
    const source = `${'mở đầu '.repeat(50)}kết thúc`;
    const s = highlight(source, 'ket thuc', { maxLength: 40 });
    assert.deepEqual(hits(s), ['kết thúc']);
    assert.ok(!text(s).endsWith('…'));
  });
});
