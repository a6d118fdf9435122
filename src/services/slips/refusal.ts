import { z } from 'zod';
import { formatVnDateTime } from '../../platform/dates.js';
import { type SlipInput, actionOf, applicantFields, field, signatures, startSlip } from './form-layout.js';

const loggedReason = z.object({ reason: z.string().optional() });

/**
 * Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 01/2018/TT-VPCP): the dossier, and why the desk will not receive
 * it. The reason is the refusal's note (or `data.reason`), which the workflow makes mandatory.
 */
export async function refusalSlip(input: SlipInput): Promise<Uint8Array> {
  const { view } = input;
  const d = view.dossier;
  const action = actionOf(view, 'refuse');
  const parsed = loggedReason.safeParse(action.data);
  const reason = (action.note ?? (parsed.success ? parsed.data.reason : undefined) ?? '').trim();
  const { w, t } = await startSlip({ input, titleKey: 'slip.refusal.title', issuer: view.deskName });

  applicantFields(w, t, view, 'slip.label.dossierOf');
  if (d.submittedAt) field(w, t('slip.label.submittedAt'), formatVnDateTime(d.submittedAt));
  w.moveDown(4);
  w.text(t('slip.refusal.body', { desk: view.deskName }), { align: 'justify', spaceAfter: 2 });
  w.text([{ text: reason, style: 'bold' }], { indent: 14, align: 'justify', spaceAfter: 4 });
  w.text(t('slip.refusal.closing'));

  signatures(w, t, [{ title: 'slip.refusal.sign', name: input.officerName }]);
  return w.finish((n, of) => `${d.code ?? ''} – ${t('slip.page', { n, of })}`);
}
