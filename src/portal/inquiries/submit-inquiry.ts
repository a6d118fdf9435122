import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { pgConstraint, pgErrorCode } from '../../platform/errors.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import type { Secrets } from '../../platform/secrets.js';
import { checkbox, optionalEmail, optionalPhone, optionalText, parseInput, text } from '../../platform/validation.js';
import { inquiries, type sites } from '../schema.js';
import { type Inquiry, type InquiryKind, type InquiryMailDeps, inquiryMail, inquirySnapshot, newInquiryCode } from './rules.js';

const input = z
  .object({
    askerName: text(200),
    askerEmail: optionalEmail,
    askerPhone: optionalPhone,
    askerAddress: optionalText(300),
    subject: text(300),
    body: text(10_000),
    publicConsent: checkbox,
  })
  .superRefine((v, ctx) => {
    if (!v.askerEmail && !v.askerPhone) ctx.addIssue({ code: 'custom', path: ['askerEmail'], message: 'inquiry.error.contactRequired' });
  });

/**
 * A question or a piece of feedback sent to a site by anyone, no account needed. The sender gets a tracking code;
 * with an email address, also a message carrying it. The audit entry keeps the item, not the sender's contacts.
 */
export async function submitInquiry(
  ctx: Ctx,
  site: typeof sites.$inferSelect,
  kind: InquiryKind,
  raw: unknown,
  deps: InquiryMailDeps & { secrets: Secrets },
): Promise<Inquiry> {
  const data = parseInput(input, raw);
  // A fresh random code collides about once in a trillion; one retry covers it without a loop to reason about.
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(ctx, async (tx) => {
        const [row] = await tx.db
          .insert(inquiries)
          .values({
            siteId: site.id,
            kind,
            code: newInquiryCode(kind, ctx.now()),
            askerName: data.askerName,
            askerEmail: data.askerEmail ?? null,
            askerPhone: data.askerPhone ?? null,
            askerAddress: data.askerAddress ?? null,
            subject: data.subject,
            body: data.body,
            publicConsent: data.publicConsent,
            createdAt: ctx.now(),
            updatedAt: ctx.now(),
          })
          .returning();
        const inquiry = row!;
        await recordAudit(tx, {
          action: 'inquiry.submitted',
          actorLabel: ctx.actor?.label ?? 'anonymous',
          entityType: 'inquiry',
          entityId: inquiry.id,
          agencyId: site.agencyId,
          after: inquirySnapshot(inquiry),
        });
        if (inquiry.askerEmail) await enqueueMail(tx, deps.secrets, composeMail(inquiry.askerEmail, inquiryMail(deps, inquiry, site, 'received')));
        return inquiry;
      });
    } catch (err) {
      if (attempt === 0 && pgErrorCode(err) === '23505' && pgConstraint(err) === 'inquiries_code') continue;
      throw err;
    }
  }
}
