import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1); Algorithm.Argon2id is 2.
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Unknown users still cost one verification, so timing does not tell which usernames exist.
  const target = passwordHash ?? dummyHash;
  try {
    const ok = await verify(target, password.normalize('NFC'));
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}

const dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$lnH4Yt+nWCMnV9w86AzNlw$5wruX08TIYKza0J9XoYkdJ2fz83lmLdF+/x5E1fppNw';

export type PasswordProblem = 'password.tooShort' | 'password.tooLong' | 'password.tooSimple' | 'password.containsName';

/**
 * Length first (NIST SP 800-63B), plus a mix of character classes because provincial security rules ask for it,
 * and no password built from the person's own login or name.
 */
export function passwordProblem(password: string, personal: (string | null | undefined)[] = []): PasswordProblem | null {
  if (password.length < 10) return 'password.tooShort';
  if (password.length > 200) return 'password.tooLong';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3 || /^(.)\1+$/.test(password)) return 'password.tooSimple';
  const lower = password.toLowerCase();
  for (const p of personal) {
    if (!p) continue;
    for (const part of p.toLowerCase().split(/[\s@.]+/)) {
      if (part.length >= 4 && lower.includes(part)) return 'password.containsName';
    }
  }
  return null;
}
