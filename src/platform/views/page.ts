import type { Permission } from '../auth/permissions.js';
import type { Locale, Translate } from '../i18n/index.js';

/** What every page needs from the request: language, the signed-in person, the form token. */
export type PageCtx = {
  t: Translate;
  locale: Locale;
  path: string;
  csrf: string;
  provinceName: string;
  /** `holds` says whether any of the person's roles grants the permission somewhere, for showing menu entries. */
  user: { fullName: string; kind: 'official' | 'citizen'; holds: (permission: Permission) => boolean } | null;
  /** Present on signed-in pages, for the idle-timeout warning. */
  sessionIdleExpiresAt: Date | null;
  flash: string | null;
};
