import { randomInt } from 'node:crypto';
import { passwordProblem } from '../../platform/auth/password.js';

// Letters and digits that cannot be mistaken for one another when read aloud or copied from paper
// (no 0/O, 1/l/I, 5/S, 2/Z, 8/B).
const lower = 'abcdefghjkmnpqrstuvwxyz';
const upper = 'ACDEFGHJKLMNPQRTUVWXY';
const digits = '34679';
const alphabet = lower + upper + digits;

function group(): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/**
 * A password the administrator can read out or write down: three groups of four (about 68 bits), joined
 * by hyphens, and always acceptable under the password rules, so the person can sign in with it.
 */
export function temporaryPassword(personal: (string | null | undefined)[] = []): string {
  for (;;) {
    const candidate = `${group()}-${group()}-${group()}`;
    const mixed = /[a-z]/.test(candidate) && /[A-Z]/.test(candidate) && /[0-9]/.test(candidate);
    if (mixed && passwordProblem(candidate, personal) === null) return candidate;
  }
}
