import { type FieldErrors, Invalid, pgConstraint, pgErrorCode } from '../../platform/errors.js';

const fieldOfIndex: Record<string, FieldErrors[string] & { field: string }> = {
  users_username: { field: 'username', key: 'users.usernameTaken' },
  users_email: { field: 'email', key: 'users.emailTaken' },
  users_phone: { field: 'phone', key: 'users.phoneTaken' },
};

function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    parts.push(String((e as { message?: unknown }).message ?? ''), String((e as { detail?: unknown }).detail ?? ''));
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(' ');
}

/**
 * A unique index on users that a concurrent write beat us to becomes the same field error the pre-check
 * gives; anything else is rethrown untouched.
 */
export function rethrowUniqueAsInvalid(err: unknown): never {
  if (pgErrorCode(err) === '23505') {
    const constraint = pgConstraint(err) ?? Object.keys(fieldOfIndex).find((name) => errorText(err).includes(`"${name}"`));
    const hit = constraint ? fieldOfIndex[constraint] : undefined;
    if (hit) throw new Invalid({ [hit.field]: { key: hit.key } });
  }
  throw err;
}
