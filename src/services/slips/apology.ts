import { formatVnDate } from '../../platform/dates.js';
import { Conflict } from '../../platform/errors.js';
import type { DossierAction } from '../dossiers/append-action.js';
import { type SlipInput, actionOf, field, signatures, slipTime, startSlip } from './form-layout.js';
import { loggedDate } from './hand-overs.js';

/**
 * Phiếu xin lỗi và hẹn lại ngày trả kết quả (TT 01/2018/TT-VPCP): the competent agency, late, apologises, says
 * why, and gives the new appointment. Printed for the latest apology unless `seq` names one.
 */
export async function apologySlip(input: SlipInput & { seq?: number }): Promise<Uint8Array> {
  const { view } = input;
  const d = view.dossier;
  const action = actionOf(view, 'apology', input.seq);
  const newDue = loggedDate(action.data.newDueAt);
  if (!newDue) throw new Conflict('slip.error.notAvailable');
  const reason = (typeof action.data.reason === 'string' ? action.data.reason : (action.note ?? '')).trim();
  const previousDue = appointmentBefore(view.actions, action);
  const { w, t } = await startSlip({ input, titleKey: 'slip.apology.title', issuer: view.agencyName });

  w.text([{ text: t('slip.apology.to', { name: d.applicantName }), style: 'bold' }], { align: 'center', spaceAfter: 8 });
  if (d.receivedAt) w.text(t('slip.apology.received', { date: formatVnDate(d.receivedAt), desk: view.deskName, procedure: view.procedureName }), { align: 'justify', spaceAfter: 2 });
  field(w, t('slip.label.code'), d.code);
  if (previousDue) w.text(t('slip.apology.due', { time: slipTime(t, previousDue) }), { spaceAfter: 2 });
  w.text(t('slip.apology.late', { agency: view.agencyName }), { align: 'justify', spaceAfter: 2 });
  field(w, t('slip.label.reason'), reason);
  w.text([{ text: t('slip.apology.sorry', { agency: view.agencyName, time: slipTime(t, newDue) }) }], { align: 'justify', spaceAfter: 2 });
  w.text(t('slip.apology.thanks'));

  signatures(w, t, [{ title: 'slip.apology.sign', hint: 'slip.signSealHint', name: input.officerName }]);
  return w.finish((n, of) => `${d.code ?? ''} – ${t('slip.page', { n, of })}`);
}

/** The appointment the apology moves: set at reception (`data.dueAt`), moved by pauses and earlier apologies. */
export function appointmentBefore(actions: readonly DossierAction[], apology: DossierAction): Date | null {
  let due: Date | null = null;
  for (const a of actions) {
    if (a.seq >= apology.seq) break;
    due = loggedDate(a.type === 'apology' ? a.data.newDueAt : a.data.dueAt) ?? due;
  }
  return due;
}
