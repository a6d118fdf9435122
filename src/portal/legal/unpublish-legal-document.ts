import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { parseInput } from '../../platform/validation.js';
import { changePublication } from './change-publication.js';
import { type LegalDocument, versionField } from './legal-rules.js';

const input = z.object({ version: versionField });

/** Takes the document off its site and out of search; its page and its PDF's public address then answer 404. */
export async function unpublishLegalDocument(ctx: Ctx, id: string, raw: unknown): Promise<LegalDocument> {
  const { version } = parseInput(input, raw);
  return changePublication(ctx, id, { publish: false, version });
}
