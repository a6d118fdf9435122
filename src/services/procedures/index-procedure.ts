import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.js';
import { indexSearchEntry, removeSearchEntry } from '../../portal/search/search-index.js';
import { procedureFields, procedureVersions, procedures } from './schema.js';

/** Public address of a procedure's page: national codes are stable and readable, so they make the URL. */
export const procedurePath = (code: string) => `/dich-vu-cong/thu-tuc/${encodeURIComponent(code)}`;

/**
 * Puts a procedure in the portal's search, or takes it out when it is inactive or has no version in force. Call it
 * in the transaction that publishes a version or changes the catalogue entry. Procedures belong to no site: they
 * are the province's, and their page lives on the main host.
 */
export async function indexProcedure(db: Queryable, procedureId: string): Promise<void> {
  const [row] = await db
    .select({ p: procedures, field: procedureFields.name, definition: procedureVersions.definition, publishedAt: procedureVersions.publishedAt })
    .from(procedures)
    .innerJoin(procedureFields, eq(procedureFields.id, procedures.fieldId))
    .leftJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .where(eq(procedures.id, procedureId));
  if (!row || !row.p.active || !row.definition) {
    await removeSearchEntry(db, 'procedure', procedureId);
    return;
  }
  const d = row.definition;
  await indexSearchEntry(db, {
    entityType: 'procedure',
    entityId: row.p.id,
    siteId: null,
    title: row.p.name,
    summary: `${row.p.code} · ${row.field}`,
    body: [d.result, d.legalBasis, ...d.documents.map((x) => x.name)].join('\n'),
    url: procedurePath(row.p.code),
    publishedAt: row.publishedAt ?? row.p.updatedAt,
  });
}
