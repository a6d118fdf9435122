import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import type { Actor } from '../../platform/context.js';
import { files } from '../../platform/schema.js';
import { TestClient, type TestEnv, makeTestEnv } from '../../../test/support/app.js';
import { actorFor, makeOfficial } from '../../../test/support/factories.js';
import { makeSite } from '../../../test/support/portal-factories.js';
import { articleAttachments, articles } from '../schema.js';
import { createArticle } from './create-article.js';
import { publishArticle } from './publish-article.js';
import { type Part, multipart } from '../../../test/support/multipart.js';

const MB = 1024 * 1024;

describe('uploads: cover images and attachments', () => {
  let env: TestEnv;
  let editor: TestClient;
  let editorActor: Actor;
  let approverCtx: ReturnType<TestEnv['ctx']>;
  let siteId: string;

  before(async () => {
    env = await makeTestEnv({ CONGSO_MAX_UPLOAD_MB: '1' });
    const db = env.database.db;
    const site = await makeSite(db);
    siteId = site.id;
    const e = await makeOfficial(db, { agencyId: site.agencyId, roles: ['editor'] });
    editorActor = await actorFor(db, e);
    editor = await new TestClient(env).signInAs(e.id);
    approverCtx = env.ctx(await actorFor(db, await makeOfficial(db, { agencyId: site.agencyId, roles: ['approver'] })));
  });
  after(() => env.close());

  const newDraft = () => createArticle(env.ctx(editorActor), { siteId, title: 'Bài có ảnh', body: '<p>x</p>' });
  const fileCount = async () => (await env.database.db.select({ n: count() }).from(files))[0]!.n;
  const storedFiles = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else out.push(e.name);
      }
    };
    walk(env.config.filesDir);
    return out;
  };

  async function upload(client: TestClient, url: string, parts: Part[], opts: { csrf?: string | null } = {}) {
    const token = opts.csrf === undefined ? client.csrf : opts.csrf;
    const body = multipart([...(token !== null ? [{ name: '_csrf', value: token }] : []), ...parts]);
    return env.app.inject({ method: 'POST', url, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': body.contentType }, payload: body.payload });
  }

  const photo = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'Bí mật', Artist: 'Máy ảnh của tôi' } } })
      .toBuffer();

  test('a cover photo is stored without its metadata, with webp widths below its own, and served by id', async () => {
    const a = await newDraft();
    const original = await photo(2000, 1000);
    assert.ok((await sharp(original).metadata()).exif, 'the test photo carries EXIF');
    const res = await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/anh-dai-dien`, [
      { name: 'version', value: '1' },
      { name: 'coverAlt', value: 'Toàn cảnh hội nghị' },
      { name: 'cover', filename: 'ảnh hội nghị.JPG', type: 'image/jpeg', data: original },
    ]);
    assert.equal(res.statusCode, 303, res.body);
    const [row] = await env.database.db.select().from(articles).where(eq(articles.id, a.id));
    assert.equal(row!.version, 2);
    assert.equal(row!.coverAlt, 'Toàn cảnh hội nghị');
    const [file] = await env.database.db.select().from(files).where(eq(files.id, row!.coverFileId!));
    assert.equal(file!.contentType, 'image/jpeg');
    assert.equal(file!.name, 'ảnh hội nghị.jpg');
    assert.match(file!.key, /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
    assert.deepEqual([file!.width, file!.height], [2000, 1000]);
    assert.deepEqual(
      file!.variants.map((v) => [v.width, v.height, v.contentType]),
      [
        [480, 240, 'image/webp'],
        [960, 480, 'image/webp'],
        [1600, 800, 'image/webp'],
      ],
    );

    // A draft's cover is not public; the writer sees it.
    const anon = new TestClient(env);
    assert.equal((await anon.get(`/tep/${file!.id}`)).statusCode, 404);
    const own = await editor.get(`/tep/${file!.id}/anh.jpg`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['cache-control'], 'private, no-cache');
    const served = own.rawPayload;
    assert.equal((await sharp(served).metadata()).exif, undefined, 'EXIF is gone');

    await publishArticle(approverCtx, a.id, { version: '2' });
    const pub = await anon.get(`/tep/${file!.id}/anh.jpg`);
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.headers['content-type'], 'image/jpeg');
    assert.equal(pub.headers['x-content-type-options'], 'nosniff');
    assert.match(String(pub.headers['content-disposition']), /^inline; filename="anh hoi nghi\.jpg"; filename\*=UTF-8''%E1%BA%A3nh/);
    assert.match(String(pub.headers['cache-control']), /public, max-age=31536000/);
    const small = await anon.get(`/tep/${file!.id}?w=480`);
    assert.equal(small.headers['content-type'], 'image/webp');
    assert.equal((await sharp(small.rawPayload).metadata()).width, 480);
    const again = await anon.get(`/tep/${file!.id}`, { 'if-none-match': String(pub.headers.etag) });
    assert.equal(again.statusCode, 304);
  });

  test('a small image gets no upscaled variants', async () => {
    const a = await newDraft();
    const res = await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/anh-dai-dien`, [
      { name: 'version', value: '1' },
      { name: 'coverAlt', value: 'Ảnh nhỏ' },
      { name: 'cover', filename: 'nho.png', type: 'image/png', data: await sharp({ create: { width: 600, height: 300, channels: 4, background: '#ffffff' } }).png().toBuffer() },
    ]);
    assert.equal(res.statusCode, 303);
    const [row] = await env.database.db.select().from(articles).where(eq(articles.id, a.id));
    const [file] = await env.database.db.select().from(files).where(eq(files.id, row!.coverFileId!));
    assert.deepEqual(file!.variants.map((v) => v.width), [480]);
  });

  test('a file lying about its type is refused whatever its name and declared type say, leaving no row or file', async () => {
    const a = await newDraft();
    const filesBefore = await fileCount();
    const onDisk = storedFiles().length;
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const res = await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/anh-dai-dien`, [
      { name: 'version', value: '1' },
      { name: 'coverAlt', value: 'Giả ảnh' },
      { name: 'cover', filename: 'anh.png', type: 'image/png', data: html },
    ]);
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Loại tệp không được chấp nhận/);
    // A real PDF is not an image either.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const res2 = await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/anh-dai-dien`, [
      { name: 'version', value: '1' },
      { name: 'coverAlt', value: 'x' },
      { name: 'cover', filename: 'anh.jpg', type: 'image/jpeg', data: pdf },
    ]);
    assert.equal(res2.statusCode, 422);
    // ... but it is a fine attachment.
    const res3 = await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/dinh-kem`, [
      { name: 'label', value: 'Kế hoạch' },
      { name: 'attachment', filename: 'ke-hoach.exe', type: 'application/octet-stream', data: pdf },
    ]);
    assert.equal(res3.statusCode, 303);
    const [att] = await env.database.db.select().from(articleAttachments).where(eq(articleAttachments.articleId, a.id));
    const [f] = await env.database.db.select().from(files).where(eq(files.id, att!.fileId));
    assert.equal(f!.contentType, 'application/pdf');
    assert.equal(f!.name, 'ke-hoach.pdf');
    assert.equal(await fileCount(), filesBefore + 1);
    assert.equal(storedFiles().length, onDisk + 1);
    const dl = await editor.get(`/tep/${f!.id}`);
    assert.equal(dl.headers['content-type'], 'application/pdf');
    assert.match(String(dl.headers['content-disposition']), /^inline;/);
  });

  test('an oversized upload is refused with 413 and leaves no row or file', async () => {
    const a = await newDraft();
    const filesBefore = await fileCount();
    const onDisk = storedFiles().length;
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MB + 10, 0x20)]);
    const res = await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/dinh-kem`, [{ name: 'attachment', filename: 'lon.pdf', type: 'application/pdf', data: big }]);
    assert.equal(res.statusCode, 413);
    assert.equal(await fileCount(), filesBefore);
    assert.equal(storedFiles().length, onDisk);
  });

  test('an upload with a forged or missing token is refused with 403 before anything is stored', async () => {
    const a = await newDraft();
    const filesBefore = await fileCount();
    const onDisk = storedFiles().length;
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const parts: Part[] = [{ name: 'attachment', filename: 'a.pdf', type: 'application/pdf', data: pdf }];
    assert.equal((await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/dinh-kem`, parts, { csrf: 'gia-mao' })).statusCode, 403);
    assert.equal((await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/dinh-kem`, parts, { csrf: null })).statusCode, 403);
    // A token placed after the file does not count: the file would have been read first.
    const late = await upload(editor, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/dinh-kem`, [...parts, { name: '_csrf', value: editor.csrf }], { csrf: null });
    assert.equal(late.statusCode, 403);
    assert.equal(await fileCount(), filesBefore);
    assert.equal(storedFiles().length, onDisk);
  });

  test('an official without rights on the site cannot upload to its articles, and nothing is stored', async () => {
    const a = await newDraft();
    const filesBefore = await fileCount();
    const outsider = await new TestClient(env).signInAs((await makeOfficial(env.database.db, { roles: ['editor'] })).id);
    const res = await upload(outsider, `/quan-tri/cong-thong-tin/bai-viet/${a.id}/dinh-kem`, [{ name: 'attachment', filename: 'a.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    assert.equal(res.statusCode, 403);
    assert.equal(await fileCount(), filesBefore);
  });
});
