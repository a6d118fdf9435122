import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { GENESIS_HASH, auditHash, auditHashParts } from './record-audit.js';

test('the database hashes prefix ‖ head ‖ suffix to exactly the hash of the entry chained onto that head', () => {
  const head = createHash('sha256').update('trước').digest('hex');
  const rows = [
    { chain: 'platform', before: null, after: null, requestId: null },
    // A prevHash key inside the change, a quote in the request id, Vietnamese text: the split must not be fooled.
    { chain: 'a1', before: { prevHash: '' }, after: { prevHash: 'x', note: 'Hồ sơ "đặc biệt"' }, requestId: '"prevHash":""' },
  ];
  for (const r of rows) {
    const row = { ...r, at: new Date('2026-03-02T02:00:00.123Z'), actorId: null, actorLabel: 'Nguyễn Văn A', action: 'dossier.submit', entityType: 'dossier', entityId: 'x', agencyId: null, ip: '127.0.0.1' };
    const { prefix, suffix } = auditHashParts(row);
    for (const prevHash of [GENESIS_HASH, head]) {
      assert.equal(createHash('sha256').update(prefix + prevHash + suffix).digest('hex'), auditHash({ ...row, prevHash }));
    }
  }
});
