import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { parseInput } from '../../platform/validation.js';
import { changePublication } from './change-publication.js';
import { type LegalDocument, versionField } from './legal-rules.js';

const input = z.object({ version: versionField });

/** Puts the document on its site's pages and in search, as the version the person looked at. */
export async function publishLegalDocument(ctx: Ctx, id: string, raw: unknown): Promise<LegalDocument> {
  const { version } = parseInput(input, raw);
  return changePublication(ctx, id, { publish: true, version });
}
