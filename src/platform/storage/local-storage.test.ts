import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { NotFound } from '../errors.js';
import { LocalFileStorage } from './local-storage.js';
import { FileTooLarge, InvalidStorageKey } from './storage.js';

const MB = 1024 * 1024;
let root: string;

before(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'congso-storage-'));
});
after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** A storage in its own fresh directory, so a test can assert on every file left behind. */
async function freshStorage(maxBytes = 10 * MB): Promise<{ storage: LocalFileStorage; dir: string }> {
  const dir = path.join(root, randomUUID());
  return { storage: new LocalFileStorage({ root: dir, maxBytes }), dir };
}

/** Every file under dir, temporary ones included. */
async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function keyFor(ext = 'bin'): string {
  return `2025/03/${randomUUID()}.${ext}`;
}

describe('local file storage', () => {
  test('stores and returns a Vietnamese text byte for byte, with its size and SHA-256', async () => {
    const { storage, dir } = await freshStorage();
    const content = 'Quyết định số 12/QĐ-UBND về việc công bố thủ tục hành chính — Đồng Văn, Hà Giang 🇻🇳\n';
    const key = keyFor('txt');
    const stored = await storage.put(key, Readable.from([Buffer.from(content, 'utf8')]), { contentType: 'text/plain; charset=utf-8' });
    assert.deepEqual(stored, { key, size: Buffer.byteLength(content, 'utf8'), sha256: sha256(content) });
    assert.equal(await storage.exists(key), true);
    const got = await storage.get(key);
    assert.equal(got.size, stored.size);
    assert.equal(await text(got.stream), content);
    assert.deepEqual(await filesUnder(dir), [key]);
    const mode = (await fs.stat(path.join(dir, key))).mode & 0o777;
    assert.equal(mode, 0o640);
  });

  test('stores a 5 MB buffer and streams it back unchanged', async () => {
    const { storage } = await freshStorage();
    const data = randomBytes(5 * MB);
    const key = keyFor('pdf');
    const stored = await storage.put(key, data, { contentType: 'application/pdf' });
    assert.equal(stored.size, data.length);
    assert.equal(stored.sha256, sha256(data));
    const got = await storage.get(key);
    assert.equal(got.size, data.length);
    const chunks: Buffer[] = [];
    for await (const chunk of got.stream) chunks.push(chunk as Buffer);
    assert.ok(Buffer.concat(chunks).equals(data));
  });

  test('replaces the content when the same key is put again', async () => {
    const { storage, dir } = await freshStorage();
    const key = keyFor('txt');
    await storage.put(key, Buffer.from('bản cũ'), { contentType: 'text/plain' });
    await storage.put(key, Buffer.from('bản mới'), { contentType: 'text/plain' });
    assert.equal(await text((await storage.get(key)).stream), 'bản mới');
    assert.deepEqual(await filesUnder(dir), [key]);
  });

  test('refuses keys that could leave the storage directory or are not plain', async () => {
    const { storage, dir } = await freshStorage();
    const bad = [
      '../secret',
      '2025/../../etc/passwd',
      '2025/03/..',
      '/etc/passwd',
      '2025\\03\\x',
      '..\\x',
      'C:/x',
      '2025//x',
      '2025/03/',
      '',
      '.hidden',
      '2025/./x',
      '2025/03/Ảnh.png',
      '2025/03/A.png',
      '2025/03/a b.png',
      "2025/03/x';DROP TABLE files;--",
      '2025/03/<script>.js',
      '2025/03/x\0.png',
      'x'.repeat(513),
    ];
    for (const key of bad) {
      await assert.rejects(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }), InvalidStorageKey, `put ${JSON.stringify(key)}`);
      await assert.rejects(storage.get(key), InvalidStorageKey, `get ${JSON.stringify(key)}`);
      await assert.rejects(storage.exists(key), InvalidStorageKey, `exists ${JSON.stringify(key)}`);
      await assert.rejects(storage.delete(key), InvalidStorageKey, `delete ${JSON.stringify(key)}`);
    }
    assert.deepEqual(await filesUnder(dir), []);
    await assert.rejects(fs.stat(path.join(root, 'secret')), { code: 'ENOENT' });
  });

  test('aborts an oversized stream with FileTooLarge and leaves nothing behind', async () => {
    const { storage, dir } = await freshStorage(1 * MB);
    const key = keyFor();
    const chunks = Array.from({ length: 20 }, () => randomBytes(64 * 1024));
    await assert.rejects(storage.put(key, Readable.from(chunks), { contentType: 'application/octet-stream' }), (err: unknown) => {
      assert.ok(err instanceof FileTooLarge);
      assert.equal(err.status, 413);
      assert.equal(err.maxBytes, MB);
      return true;
    });
    assert.deepEqual(await filesUnder(dir), []);
    assert.equal(await storage.exists(key), false);
  });

  test('refuses an oversized buffer before writing anything, and accepts one exactly at the limit', async () => {
    const { storage, dir } = await freshStorage(1000);
    await assert.rejects(storage.put(keyFor(), Buffer.alloc(1001), { contentType: 'application/octet-stream' }), FileTooLarge);
    assert.deepEqual(await filesUnder(dir), []);
    const key = keyFor();
    const stored = await storage.put(key, Readable.from([Buffer.alloc(600), Buffer.alloc(400)]), { contentType: 'application/octet-stream' });
    assert.equal(stored.size, 1000);
    assert.deepEqual(await filesUnder(dir), [key]);
  });

  test('keeps concurrent puts of different keys apart', async () => {
    const { storage, dir } = await freshStorage();
    const items = Array.from({ length: 24 }, (_, i) => ({ key: `2025/${String((i % 3) + 1).padStart(2, '0')}/${randomUUID()}.bin`, data: randomBytes(32 * 1024 + i) }));
    const stored = await Promise.all(items.map((it) => storage.put(it.key, Readable.from([it.data.subarray(0, 1000), it.data.subarray(1000)]), { contentType: 'application/octet-stream' })));
    for (const [i, it] of items.entries()) {
      assert.equal(stored[i]!.sha256, sha256(it.data));
      const chunks: Buffer[] = [];
      for await (const chunk of (await storage.get(it.key)).stream) chunks.push(chunk as Buffer);
      assert.ok(Buffer.concat(chunks).equals(it.data), it.key);
    }
    assert.deepEqual((await filesUnder(dir)).sort(), items.map((it) => it.key).sort());
  });

  test('a deleted file is gone: get throws NotFound, exists is false, deleting again is harmless', async () => {
    const { storage, dir } = await freshStorage();
    const key = keyFor('txt');
    await storage.put(key, Buffer.from('xoá tôi'), { contentType: 'text/plain' });
    await storage.delete(key);
    await assert.rejects(storage.get(key), NotFound);
    assert.equal(await storage.exists(key), false);
    await storage.delete(key);
    assert.deepEqual(await filesUnder(dir), []);
  });

  test('get of a key never stored, or of a directory, throws NotFound', async () => {
    const { storage } = await freshStorage();
    await assert.rejects(storage.get(keyFor()), NotFound);
    await storage.put('2025/03/a.txt', Buffer.from('a'), { contentType: 'text/plain' });
    await assert.rejects(storage.get('2025/03'), NotFound);
    await assert.rejects(storage.get('2025/03/a.txt/b'), NotFound);
    assert.equal(await storage.exists('2025/03'), false);
  });

  test('a stream that fails half-way leaves nothing behind and keeps the earlier file', async () => {
    const { storage, dir } = await freshStorage();
    const key = keyFor();
    await storage.put(key, Buffer.from('bản đang có'), { contentType: 'text/plain' });
    const broken = new Error('kết nối bị ngắt');
    async function* failing() {
      yield randomBytes(256 * 1024);
      yield randomBytes(256 * 1024);
      throw broken;
    }
    await assert.rejects(storage.put(key, Readable.from(failing()), { contentType: 'application/octet-stream' }), (err) => err === broken);
    assert.deepEqual(await filesUnder(dir), [key]);
    assert.equal(await text((await storage.get(key)).stream), 'bản đang có');
  });
});

describe('files directory setting', () => {
  test('defaults to files/ inside the data directory and can be set on its own', () => {
    assert.equal(loadConfig({ CONGSO_DATA_DIR: '/srv/congso' }).filesDir, path.resolve('/srv/congso/files'));
    assert.equal(loadConfig({}).filesDir, path.resolve('data/files'));
    assert.equal(loadConfig({ CONGSO_DATA_DIR: '/srv/congso', CONGSO_FILES_DIR: '/mnt/files' }).filesDir, path.resolve('/mnt/files'));
  });
});
