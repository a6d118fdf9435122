import { z } from 'zod';
import type { MessageKey } from '../platform/i18n/index.js';

/** QCVN 102:2016 V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.00.H41 (M is the letter of the provincial level). */
const qcvn102 = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
/** Something laid out like a QCVN 102 code (3.2.2.3 characters), which must then follow it exactly. */
const qcvnShaped = /^[^.]{3}\.[^.]{2}\.[^.]{2}\.[^.]{3}$/;
/** Decision 20/2020/QĐ-TTg electronic identifiers: groups of digits and capital letters joined by dots. */
const decision20 = /^[0-9A-Z]+(?:\.[0-9A-Z]+)+$/;
export const AGENCY_CODE_MAX = 35;

export function normaliseAgencyCode(raw: string): string {
  return raw.normalize('NFC').trim().toUpperCase();
}

/** The message key of what is wrong with an already normalised identifier, or null when it is valid. */
export function agencyCodeProblem(code: string): MessageKey | null {
  if (code.length > AGENCY_CODE_MAX) return 'agencyCode.tooLong';
  if (qcvn102.test(code)) return null;
  if (qcvnShaped.test(code)) return 'agencyCode.qcvn';
  if (decision20.test(code)) return null;
  return 'agencyCode.format';
}

/** Form field for an agency identifier: upper-cased and trimmed, with the reason when it does not fit. */
export const agencyCodeField = z.preprocess(
  (v) => (typeof v === 'string' ? normaliseAgencyCode(v) : v),
  z
    .string({ error: 'field.required' })
    .min(1, { error: 'field.required' })
    .superRefine((code, ctx) => {
      const problem = agencyCodeProblem(code);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
);
