import { z } from 'zod';
import { formatVnDateTime } from '../../platform/dates.js';
import type { DossierAction } from '../dossiers/append-action.js';
import { type SlipInput, actionOf, applicantFields, field, numbered, signatures, slipTime, startSlip } from './form-layout.js';

/** The workflow logs the items one per line in `data.items`; older or hand-written actions only have the note. */
const loggedItems = z.object({ items: z.array(z.string()).optional() });

export function supplementItems(action: Pick<DossierAction, 'data' | 'note'>): string[] {
  const parsed = loggedItems.safeParse(action.data);
  const raw = parsed.success && parsed.data.items?.length ? parsed.data.items : (action.note ?? '').split('\n');
  return raw.map((line) => line.trim()).filter(Boolean);
}

/**
 * Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02, TT 01/2018/TT-VPCP): everything the applicant must add, listed
 * at once as the law requires, and that the clock is paused from the request until the answer. Printed for the
 * latest request unless `seq` names one.
 */
export async function supplementRequestSlip(input: SlipInput & { seq?: number }): Promise<Uint8Array> {
  const { view } = input;
  const d = view.dossier;
  const action = actionOf(view, 'request_supplement', input.seq);
  const { w, t } = await startSlip({ input, titleKey: 'slip.supplement.title', issuer: view.deskName });

  applicantFields(w, t, view, 'slip.label.dossierOf');
  if (d.submittedAt) field(w, t('slip.label.submittedAt'), formatVnDateTime(d.submittedAt));
  w.moveDown(4);
  w.text(t('slip.supplement.items'), { style: 'bold', spaceAfter: 2 });
  numbered(w, supplementItems(action));
  w.moveDown(4);
  w.text(t('slip.supplement.pause', { time: slipTime(t, action.at) }), { align: 'justify', spaceAfter: 2 });
  w.text(t('slip.supplement.contact', { desk: view.deskName, address: view.deskAddress ?? '' }), { align: 'justify' });

  signatures(w, t, [{ title: 'slip.supplement.sign', name: input.officerName }]);
  return w.finish((n, of) => `${d.code ?? ''} – ${t('slip.page', { n, of })}`);
}
