import type { Secrets } from '../../platform/secrets.js';

/** People take longer than this to write a question; scripts that post at once are refused. */
export const MIN_FILL_MS = 3_000;
/** A form left open longer than this is sent again (the stamp is refreshed with the re-shown form). */
export const MAX_FORM_AGE_MS = 24 * 60 * 60_000;

/** The hidden field a person never sees nor fills; form-filling robots do. */
export const HONEYPOT_FIELD = 'website';

/** An opaque stamp of when the form was shown, sealed so it cannot be forged or backdated. */
export function issueFormStamp(secrets: Secrets, now: Date): string {
  return secrets.encrypt(JSON.stringify({ shownAt: now.getTime() }));
}

export type SpamVerdict = 'ok' | 'too_fast' | 'expired' | 'bot';

/**
 * No captcha (it shuts out blind and older people and would call a third party): a honeypot field, a sealed
 * time stamp and the route's rate limit together stop the bulk of automated posts.
 */
export function checkSubmission(secrets: Secrets, form: Record<string, unknown>, now: Date): SpamVerdict {
  const honey = form[HONEYPOT_FIELD];
  if (typeof honey === 'string' ? honey.trim() !== '' : honey !== undefined) return 'bot';
  let shownAt: number;
  try {
    shownAt = (JSON.parse(secrets.decrypt(String(form.stamp ?? ''))) as { shownAt: number }).shownAt;
  } catch {
    return 'bot';
  }
  if (typeof shownAt !== 'number') return 'bot';
  const age = now.getTime() - shownAt;
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_FORM_AGE_MS) return 'expired';
  return 'ok';
}
