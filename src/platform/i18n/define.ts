export type Locale = 'vi' | 'en';
export const locales: readonly Locale[] = ['vi', 'en'];

/** Each message is written in Vietnamese and English side by side, so no translation can be forgotten. */
export type MessageTable = Record<string, readonly [vi: string, en: string]>;

export function defineMessages<const T extends MessageTable>(table: T): T {
  return table;
}
