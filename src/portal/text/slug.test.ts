import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SLUG_MAX_LENGTH, isSlug, slugify, uniqueSlug } from './slug.js';

describe('slugs from Vietnamese titles', () => {
  test('folds diacritics and đ in real titles', () => {
    assert.equal(slugify('Chuyển đổi số tỉnh Cao Bằng năm 2026'), 'chuyen-doi-so-tinh-cao-bang-nam-2026');
    assert.equal(slugify('Đắk Lắk'), 'dak-lak');
    assert.equal(slugify('Quyết định số 15/QĐ-UBND'), 'quyet-dinh-so-15-qd-ubnd');
    assert.equal(slugify('Sở Khoa học và Công nghệ: “Thông báo” tuyển dụng…'), 'so-khoa-hoc-va-cong-nghe-thong-bao-tuyen-dung');
  });

  test('gives the same slug for decomposed (NFD) and composed (NFC) input', () => {
    const title = 'Hướng dẫn nộp hồ sơ trực tuyến ở Ủy ban nhân dân xã Ea Súp';
    assert.notEqual(title.normalize('NFD'), title.normalize('NFC'));
    assert.equal(slugify(title.normalize('NFD')), slugify(title.normalize('NFC')));
    assert.equal(slugify(title.normalize('NFD')), 'huong-dan-nop-ho-so-truc-tuyen-o-uy-ban-nhan-dan-xa-ea-sup');
  });

  test('treats the eth (U+00D0) typed for Đ like Đ', () => {
    assert.equal(slugify('\u00d0iện Biên'), 'dien-bien');
    assert.equal(slugify('\u0110iện Biên'), 'dien-bien');
  });

  test('drops punctuation, symbols and markup, leaving only lower-case ASCII words', () => {
    assert.equal(slugify(`<script>alert('x')</script> Tin   mới!!! (cập nhật) & "quan trọng"`), 'script-alert-x-script-tin-moi-cap-nhat-quan-trong');
    assert.equal(slugify("'; DROP TABLE users; --"), 'drop-table-users');
    assert.equal(slugify('  --Hỏi đáp--  '), 'hoi-dap');
  });

  test('falls back when nothing of the title is left', () => {
    assert.equal(slugify('!!! ??? …'), 'noi-dung');
    assert.equal(slugify(''), 'noi-dung');
    assert.equal(slugify('北京'), 'noi-dung');
    assert.equal(slugify('★', { fallback: 'van-ban' }), 'van-ban');
  });

  test('refuses a fallback that is not a slug', () => {
    assert.throws(() => slugify('x', { fallback: 'Văn bản' }), /not a slug/);
    assert.throws(() => slugify('x', { fallback: '' }), /not a slug/);
  });

  test('cuts a long title at a word boundary within the maximum length', () => {
    const title =
      'Kế hoạch triển khai thực hiện Chương trình chuyển đổi số quốc gia trên địa bàn tỉnh Cao Bằng giai đoạn 2026 – 2030, tầm nhìn đến năm 2035';
    const full = slugify(title, { maxLength: 1000 });
    const slug = slugify(title);
    assert.ok(slug.length <= SLUG_MAX_LENGTH, slug);
    assert.ok(isSlug(slug));
    assert.ok(full.startsWith(`${slug}-`), 'cut exactly before a hyphen of the full slug');
    assert.equal(slugify(title, { maxLength: 20 }), 'ke-hoach-trien-khai');
  });

  test('cuts a single word longer than the maximum inside the word', () => {
    assert.equal(slugify('a'.repeat(100)), 'a'.repeat(SLUG_MAX_LENGTH));
    assert.equal(slugify(`${'b'.repeat(100)} cuối`, { maxLength: 10 }), 'b'.repeat(10));
  });

  test('recognises slugs', () => {
    for (const s of ['dak-lak', 'a', '2026', 'quyet-dinh-15']) assert.ok(isSlug(s), s);
    for (const s of ['', 'Dak-lak', 'dak--lak', '-dak', 'dak-', 'đắk', 'dak lak', 'dak_lak', 'a/b']) assert.ok(!isSlug(s), s);
  });
});

describe('unique slugs', () => {
  const takenFrom = (set: Set<string>) => {
    const asked: string[] = [];
    const taken = async (s: string) => {
      asked.push(s);
      return set.has(s);
    };
    return { taken, asked };
  };

  test('keeps the base when it is free', async () => {
    const { taken, asked } = takenFrom(new Set(['khac']));
    assert.equal(await uniqueSlug('dak-lak', taken), 'dak-lak');
    assert.deepEqual(asked, ['dak-lak']);
  });

  test('adds -2, -3 … until a slug is free', async () => {
    const { taken, asked } = takenFrom(new Set(['dak-lak', 'dak-lak-2']));
    assert.equal(await uniqueSlug('dak-lak', taken), 'dak-lak-3');
    assert.deepEqual(asked, ['dak-lak', 'dak-lak-2', 'dak-lak-3']);
  });

  test('shortens the base at a word boundary so the suffix fits the maximum length', async () => {
    const base = slugify('Chuyển đổi số tỉnh Cao Bằng năm 2026', { maxLength: 30 });
    assert.equal(base, 'chuyen-doi-so-tinh-cao-bang');
    const { taken } = takenFrom(new Set([base]));
    const slug = await uniqueSlug(base, taken, 28);
    assert.equal(slug, 'chuyen-doi-so-tinh-cao-2');
    assert.ok(slug.length <= 28);
  });

  test('refuses a base that is not a slug', async () => {
    const { taken, asked } = takenFrom(new Set());
    await assert.rejects(uniqueSlug('Đắk Lắk', taken), /not a slug/);
    await assert.rejects(uniqueSlug('x'.repeat(SLUG_MAX_LENGTH + 1), taken), /not a slug/);
    assert.deepEqual(asked, []);
  });

  test('gives up instead of looping forever when every candidate is reported taken', async () => {
    await assert.rejects(
      uniqueSlug('tin-tuc', async () => true),
      /no free slug/,
    );
  });
});
