import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { passwordProblem } from '../../platform/auth/password.js';
import { temporaryPassword } from './temporary-password.js';

describe('temporary passwords', () => {
  test('are three groups of four unambiguous characters that pass the password rules', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = temporaryPassword(['nguyen.van.a', 'Nguyễn Văn A']);
      assert.match(p, /^[a-zA-Z0-9]{4}-[a-zA-Z0-9]{4}-[a-zA-Z0-9]{4}$/);
      assert.doesNotMatch(p, /[0O1lI5S2Z8B]/);
      assert.equal(passwordProblem(p, ['nguyen.van.a', 'Nguyễn Văn A']), null);
      seen.add(p);
    }
    assert.equal(seen.size, 200);
  });
});
