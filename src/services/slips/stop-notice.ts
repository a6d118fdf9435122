import { formatVnDateTime } from '../../platform/dates.js';
import { type SlipInput, actionOf, applicantFields, field, signatures, startSlip } from './form-layout.js';

/**
 * Thông báo dừng giải quyết hồ sơ (Mẫu 05 of the 2025 forms): issued by the competent agency, naming the dossier,
 * when it was received, and the reason with its legal ground, which stop-dossier.ts makes mandatory.
 */
export async function stopNoticeSlip(input: SlipInput): Promise<Uint8Array> {
  const { view } = input;
  const d = view.dossier;
  const action = actionOf(view, 'stop');
  const { w, t } = await startSlip({ input, titleKey: 'slip.stop.title', issuer: view.agencyName });

  applicantFields(w, t, view, 'slip.label.dossierOf');
  if (d.receivedAt) field(w, t('slip.label.receivedAt'), formatVnDateTime(d.receivedAt));
  w.moveDown(4);
  w.text(t('slip.stop.body', { agency: view.agencyName, at: formatVnDateTime(action.at) }), { align: 'justify', spaceAfter: 2 });
  w.text([{ text: (action.note ?? '').trim(), style: 'bold' }], { indent: 14, align: 'justify', spaceAfter: 4 });
  w.text(t('slip.stop.closing'));

  signatures(w, t, [{ title: 'slip.stop.sign', name: input.officerName }]);
  return w.finish((n, of) => `${d.code ?? ''} – ${t('slip.page', { n, of })}`);
}
