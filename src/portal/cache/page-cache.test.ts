import assert from 'node:assert/strict';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { PageCache } from './page-cache.js';

const page = (body: string, tags: string[]) => ({ contentType: 'text/html; charset=utf-8', body, tags, view: null });

function makeCache(opts: { maxBytes?: number; maxAgeMs?: number } = {}) {
  let now = 1_000_000;
  const cache = new PageCache({ maxBytes: opts.maxBytes ?? 1024 * 1024, maxAgeMs: opts.maxAgeMs ?? 60_000, now: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
}

describe('page cache', () => {
  test('keeps a page with its compressed forms and a strong ETag', () => {
    const { cache } = makeCache();
    const body = '<!DOCTYPE html><h1>Chuyển đổi số ở Cao Bằng</h1>'.repeat(20);
    cache.store('a', cache.begin(), page(body, ['article:1']));
    const hit = cache.get('a')!;
    assert.equal(hit.raw.toString('utf8'), body);
    assert.equal(gunzipSync(hit.gzip).toString('utf8'), body);
    assert.equal(brotliDecompressSync(hit.br).toString('utf8'), body);
    assert.match(hit.etag, /^"[\w-]{27}"$/);
    assert.ok(hit.br.length < hit.raw.length);
  });

  test('invalidating a tag drops exactly the pages carrying it', () => {
    const { cache } = makeCache();
    cache.store('home', cache.begin(), page('home', ['site-lists:s1', 'article:1', 'article:2']));
    cache.store('a1', cache.begin(), page('a1', ['article:1']));
    cache.store('a2', cache.begin(), page('a2', ['article:2']));
    cache.store('other', cache.begin(), page('other', ['site-lists:s2']));
    assert.equal(cache.invalidate(['article:1']), 2);
    assert.equal(cache.get('home'), null);
    assert.equal(cache.get('a1'), null);
    assert.ok(cache.get('a2'));
    assert.ok(cache.get('other'));
  });

  test('refuses a page rendered before an invalidation of one of its tags', () => {
    const { cache } = makeCache();
    const started = cache.begin();
    cache.invalidate(['article:1']);
    assert.equal(cache.store('a1', started, page('stale', ['article:1'])), null);
    assert.equal(cache.get('a1'), null);
    // A page of other tags rendered at the same time is still good.
    assert.ok(cache.store('a2', started, page('fresh', ['article:2'])));
    // And a render that begins after the invalidation is stored.
    assert.ok(cache.store('a1', cache.begin(), page('fresh', ['article:1'])));
  });

  test('refuses everything rendered before a clear', () => {
    const { cache } = makeCache();
    cache.store('x', cache.begin(), page('x', ['t']));
    const started = cache.begin();
    cache.clear();
    assert.equal(cache.size, 0);
    assert.equal(cache.bytes, 0);
    assert.equal(cache.store('y', started, page('y', ['u'])), null);
    assert.ok(cache.store('y', cache.begin(), page('y', ['u'])));
  });

  test('evicts the least recently used pages beyond its size', () => {
    const body = 'x'.repeat(2000);
    const { cache } = makeCache({ maxBytes: 16_000 });
    for (const k of ['a', 'b', 'c', 'd']) cache.store(k, cache.begin(), page(body + k, [k]));
    assert.ok(cache.get('a'));
    for (const k of ['e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p']) cache.store(k, cache.begin(), page(body + k, [k]));
    assert.ok(cache.bytes <= 16_000);
    assert.ok(cache.stats.evicted > 0);
    assert.equal(cache.get('b'), null);
    assert.ok(cache.get('p'));
  });

  test('renders a page again once it is older than the maximum age', () => {
    const { cache, advance } = makeCache({ maxAgeMs: 1000 });
    cache.store('a', cache.begin(), page('a', ['t']));
    advance(999);
    assert.ok(cache.get('a'));
    advance(2);
    assert.equal(cache.get('a'), null);
    assert.equal(cache.size, 0);
  });

  test('does not keep a page larger than a quarter of its memory', () => {
    const { cache } = makeCache({ maxBytes: 4000 });
    assert.equal(cache.store('big', cache.begin(), page('é'.repeat(5000), ['t'])), null);
    assert.equal(cache.size, 0);
  });
});
