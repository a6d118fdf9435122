import { z } from 'zod';
import { formDefinitionSchema } from '../forms/definition.js';

/**
 * What a procedure version fixes for every dossier filed under it: documents to submit, time limit, fees, result,
 * legal basis, the e-form and the process. Versions are immutable once published (see procedures/schema.ts), so
 * a dossier's deadline, form and steps never change under it when the catalogue is edited.
 */

/** Roles that act at a step of a process (platform/auth/permissions.ts). */
export const stepRoles = ['desk_officer', 'specialist', 'leader', 'clerk'] as const;
export type StepRole = (typeof stepRoles)[number];

/** What an uploaded document may be. PDF and images unless the procedure allows office files too. */
export const uploadKinds = ['pdf', 'image', 'office'] as const;
export type UploadKind = (typeof uploadKinds)[number];

const name = z.string().trim().min(1).max(500);

export const requiredDocumentSchema = z.object({
  /** Stable within the procedure (e.g. "TP1"): uploads and the national sync refer to it. */
  code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,30}$/),
  name,
  nameEn: name.optional(),
  originals: z.number().int().min(0).max(20).default(0),
  copies: z.number().int().min(0).max(20).default(1),
  required: z.boolean().default(true),
  /** An electronic copy (scan) is accepted online in place of the paper. */
  electronicCopyAccepted: z.boolean().default(true),
  /** A blank form to download (a file id). */
  templateFileId: z.uuid().optional(),
  accepts: z.array(z.enum(uploadKinds)).min(1).default(['pdf', 'image']),
  note: z.string().trim().max(1000).optional(),
});

export const feeSchema = z.object({
  code: z.string().trim().max(30).optional(),
  name,
  /** Whole đồng. */
  amount: z.number().int().min(0).max(1_000_000_000_000),
  note: z.string().trim().max(500).optional(),
});

export const processStepSchema = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,30}$/),
  name,
  role: z.enum(stepRoles),
  /** This step's share of the time limit, in percent; the shares of a process add up to 100. */
  share: z.number().min(0).max(100),
});

export const timeLimitSchema = z.object({
  unit: z.enum(['working_days', 'calendar_days']),
  /** In days; halves and quarters of a working day are common (0.5 = 4 working hours). */
  days: z.number().min(0.125).max(3650),
  /** When the law sets a different limit for dossiers filed online. */
  onlineDays: z.number().min(0.125).max(3650).optional(),
});

export const versionDefinitionSchema = z
  .object({
    documents: z.array(requiredDocumentSchema).max(60),
    timeLimit: timeLimitSchema,
    fees: z.array(feeSchema).max(30).default([]),
    result: z.string().trim().min(1).max(1000),
    legalBasis: z.string().trim().max(5000).default(''),
    applicants: z.array(z.enum(['citizen', 'enterprise', 'organisation'])).min(1).default(['citizen']),
    deliveries: z.array(z.enum(['counter', 'post', 'electronic'])).min(1).default(['counter']),
    steps: z.array(processStepSchema).min(1).max(30),
    form: formDefinitionSchema,
  })
  .superRefine((d, ctx) => {
    const total = d.steps.reduce((s, x) => s + x.share, 0);
    if (Math.abs(total - 100) > 0.01) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'shares must add up to 100' });
    if (new Set(d.steps.map((s) => s.code)).size !== d.steps.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'duplicate step code' });
    if (new Set(d.documents.map((s) => s.code)).size !== d.documents.length) ctx.addIssue({ code: 'custom', path: ['documents'], message: 'duplicate document code' });
  });

export type RequiredDocument = z.infer<typeof requiredDocumentSchema>;
export type Fee = z.infer<typeof feeSchema>;
export type ProcessStep = z.infer<typeof processStepSchema>;
export type TimeLimit = z.infer<typeof timeLimitSchema>;
export type VersionDefinition = z.infer<typeof versionDefinitionSchema>;
