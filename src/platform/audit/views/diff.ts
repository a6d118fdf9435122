export type DiffRow = { field: string; before: string | null; after: string | null; changed: boolean };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a person reads it: text as typed, anything else as compact JSON; null means absent. */
function show(v: unknown): string | null {
  if (v === undefined) return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Field-by-field comparison of an entry's before and after. Objects are compared key by key (before's keys
 * first, then keys only after has); anything else is one unnamed row.
 */
export function diffFields(before: unknown, after: unknown): DiffRow[] {
  const b = before ?? undefined;
  const a = after ?? undefined;
  if (b === undefined && a === undefined) return [];
  if ((b === undefined || isRecord(b)) && (a === undefined || isRecord(a))) {
    const bo = (b ?? {}) as Record<string, unknown>;
    const ao = (a ?? {}) as Record<string, unknown>;
    const keys = [...Object.keys(bo), ...Object.keys(ao).filter((k) => !Object.hasOwn(bo, k))];
    return keys.map((k) => {
      const bv = Object.hasOwn(bo, k) ? show(bo[k]) : null;
      const av = Object.hasOwn(ao, k) ? show(ao[k]) : null;
      return { field: k, before: bv, after: av, changed: bv !== av };
    });
  }
  const bv = show(b);
  const av = show(a);
  return [{ field: '', before: bv, after: av, changed: bv !== av }];
}
