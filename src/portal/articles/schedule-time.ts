import { parseVnDate, vnDayStart } from '../../platform/dates.js';

/** "dd/MM/yyyy HH:mm" in Vietnam time (what people type and formatVnDateTime prints), or null. */
export function parseVnDateTime(value: string): Date | null {
  const m = /^(\S+)\s+(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const day = parseVnDate(m[1]!);
  const [h, min] = [Number(m[2]), Number(m[3])];
  if (!day || h > 23 || min > 59) return null;
  return new Date(vnDayStart(day).getTime() + (h * 60 + min) * 60_000);
}
