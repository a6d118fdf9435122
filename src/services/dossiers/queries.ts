import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '../../platform/db/client.js';
import { files } from '../../platform/schema.js';
import { agencies } from '../../org/schema.js';
import { procedureAgencies, procedureVersions, procedures } from '../procedures/schema.js';
import type { Dossier } from './append-action.js';
import { dossierActions, type dossierFilePurpose, dossierFiles, dossiers } from './schema.js';

export type DossierFileView = { id: string; fileId: string; name: string; size: number; contentType: string; purpose: (typeof dossierFilePurpose.enumValues)[number]; documentCode: string | null; createdAt: Date };

/** A dossier with what its pages show around it: procedure, agencies, version, files and log, in four queries. */
export async function dossierView(db: Queryable, dossier: Dossier) {
  const desk = alias(agencies, 'desk');
  const [head, fileRows, actions] = await Promise.all([
    db
      .select({ procedureCode: procedures.code, procedureName: procedures.name, agencyName: agencies.name, deskName: desk.name, deskAddress: desk.address, definition: procedureVersions.definition, versionNumber: procedureVersions.number })
      .from(procedures)
      .innerJoin(procedureVersions, eq(procedureVersions.id, sql`${dossier.procedureVersionId}::uuid`))
      .innerJoin(agencies, eq(agencies.id, sql`${dossier.agencyId}::uuid`))
      .innerJoin(desk, eq(desk.id, sql`${dossier.deskAgencyId}::uuid`))
      .where(eq(procedures.id, dossier.procedureId)),
    db
      .select({ id: dossierFiles.id, fileId: files.id, name: files.name, size: files.size, contentType: files.contentType, purpose: dossierFiles.purpose, documentCode: dossierFiles.documentCode, createdAt: dossierFiles.createdAt })
      .from(dossierFiles)
      .innerJoin(files, eq(files.id, dossierFiles.fileId))
      .where(eq(dossierFiles.dossierId, dossier.id))
      .orderBy(asc(dossierFiles.createdAt)),
    db.select().from(dossierActions).where(eq(dossierActions.dossierId, dossier.id)).orderBy(asc(dossierActions.seq)),
  ]);
  return { dossier, ...head[0]!, files: fileRows as DossierFileView[], actions };
}
export type DossierView = Awaited<ReturnType<typeof dossierView>>;

/** The applicant's dossiers, newest first, with their procedure's name. */
export async function myDossiers(db: Queryable, userId: string, limit = 100) {
  return db
    .select({ id: dossiers.id, code: dossiers.code, state: dossiers.state, createdAt: dossiers.createdAt, submittedAt: dossiers.submittedAt, dueAt: dossiers.dueAt, procedureName: procedures.name })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(eq(dossiers.applicantId, userId))
    .orderBy(desc(dossiers.createdAt))
    .limit(limit);
}

/** Competent agencies of a procedure with their names, for the applicant's choice. */
export async function agencyChoices(db: Queryable, procedureId: string) {
  const rows = await db
    .select({ id: agencies.id, name: agencies.name })
    .from(procedureAgencies)
    .innerJoin(agencies, eq(agencies.id, procedureAgencies.agencyId))
    .where(and(eq(procedureAgencies.procedureId, procedureId), eq(agencies.active, true)));
  const collator = new Intl.Collator('vi');
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** The public lookup: a code and the applicant's ID number, both needed; nothing else finds a dossier. */
export async function dossierByCodeAndId(db: Queryable, code: string, idNumber: string): Promise<Dossier | null> {
  const [row] = await db
    .select()
    .from(dossiers)
    .where(and(eq(dossiers.code, code), eq(dossiers.applicantIdNumber, idNumber)));
  return row ?? null;
}
