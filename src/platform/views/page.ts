import type { Locale, Translate } from '../i18n/index.js';

/** What every page needs from the request: language, the signed-in person, the form token. */
export type PageCtx = {
  t: Translate;
  locale: Locale;
  path: string;
  csrf: string;
  provinceName: string;
  user: { fullName: string; kind: 'official' | 'citizen' } | null;
  /** Present on signed-in pages, for the idle-timeout warning. */
  sessionIdleExpiresAt: Date | null;
  flash: string | null;
};
