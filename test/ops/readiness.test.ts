import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/platform/config.js';
import { type Database, openPglite } from '../../src/platform/db/client.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/logger.js';
import { makeSecrets } from '../../src/platform/secrets.js';
import { LocalFileStorage } from '../../src/platform/storage/local-storage.js';
import { TEST_SECRET } from '../support/app.js';
import { EMBEDDED_RUN_ONLY } from './process.js';

describe('readiness follows the migrations', { skip: EMBEDDED_RUN_ONLY }, () => {
  let database: Database;
  let app: FastifyInstance;
  before(async () => {
    // A database that exists but has not been migrated yet, as during a first start or a failed upgrade.
    database = await openPglite(null);
    const config = loadConfig({ CONGSO_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', CONGSO_DEMO: 'false' });
    app = await buildApp({ config, database, secrets: makeSecrets(TEST_SECRET), storage: new LocalFileStorage({ root: config.filesDir, maxBytes: config.maxUploadBytes }) }, createLogger('silent'));
    await app.ready();
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  test('is alive but not ready before migrations, and ready after them', async () => {
    assert.equal((await app.inject('/healthz')).statusCode, 200);
    const pending = await app.inject('/readyz');
    assert.equal(pending.statusCode, 503);
    assert.equal(pending.json().status, 'migrations pending');
    await database.migrate();
    const ready = await app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
    assert.equal((await app.inject('/healthz')).statusCode, 200);
  });

  test('is not ready when the database has gone away', async () => {
    const closed = await openPglite(null);
    await closed.migrate();
    const config = loadConfig({ CONGSO_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', CONGSO_DEMO: 'false' });
    const other = await buildApp({ config, database: closed, secrets: makeSecrets(TEST_SECRET), storage: new LocalFileStorage({ root: config.filesDir, maxBytes: config.maxUploadBytes }) }, createLogger('silent'));
    await other.ready();
    try {
      assert.equal((await other.inject('/readyz')).statusCode, 200);
      await closed.close();
      const gone = await other.inject('/readyz');
      assert.equal(gone.statusCode, 503);
      assert.equal(gone.json().status, 'database unreachable');
      assert.equal((await other.inject('/healthz')).statusCode, 200);
    } finally {
      await other.close();
    }
  });
});
