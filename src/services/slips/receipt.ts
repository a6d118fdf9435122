import { Conflict } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/index.js';
import { limitDays } from '../dossiers/deadlines.js';
import type { DossierView } from '../dossiers/queries.js';
import { type SlipInput, applicantFields, formatMoney, numbered, signatures, slipTime, startSlip } from './form-layout.js';
import { drawQr } from './qr.js';

/** Where the QR code and the printed link lead: the public lookup, with the code filled in. */
export function lookupUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}/dich-vu-cong/tra-cuu?ma=${encodeURIComponent(code)}`;
}

const QR_SIDE = 92;

/**
 * Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01, TT 01/2018/TT-VPCP): who filed what, the documents received,
 * the legal time limit, when it was received and when the result is due, fees, where the result is collected, and
 * a QR code for the public lookup with the dossier code printed under it.
 */
export async function receiptSlip(input: SlipInput): Promise<Uint8Array> {
  const { view } = input;
  const d = view.dossier;
  if (!d.code || !d.receivedAt || !d.dueAt) throw new Conflict('slip.error.notAvailable');
  const { w, t } = await startSlip({ input, titleKey: 'slip.receipt.title', issuer: view.deskName });

  w.text(t('slip.receipt.desk', { desk: view.deskName }), { spaceAfter: 2 });
  applicantFields(w, t, view, 'slip.label.applicant');
  w.moveDown(4);
  w.text(t('slip.receipt.documents'), { spaceAfter: 2 });
  const documents = receivedDocuments(t, view);
  if (documents.length > 0) numbered(w, documents, '1.');
  else w.text(t('slip.receipt.noDocuments'), { indent: 14, spaceAfter: 2 });
  w.text(t('slip.receipt.sets'), { spaceAfter: 2 });
  const limit = view.definition.timeLimit;
  w.text(t(`slip.receipt.limit.${limit.unit}`, { days: String(limitDays(limit, d.channel)).replace('.', ',') }), { spaceAfter: 2 });
  w.text(t('slip.receipt.received', { time: slipTime(t, d.receivedAt) }), { spaceAfter: 2 });
  w.text([{ text: t('slip.receipt.due', { time: slipTime(t, d.dueAt) }), style: 'bold' }], { spaceAfter: 2 });
  w.text(fees(t, view), { align: 'justify', spaceAfter: 2 });
  w.text(t(`slip.receipt.delivery.${d.delivery}`, { desk: view.deskName, address: (d.delivery === 'post' ? d.applicantAddress : view.deskAddress) ?? '', code: d.code }), {
    align: 'justify',
    spaceAfter: 2,
  });
  w.text(t('slip.receipt.register'), { spaceAfter: 8 });

  // The QR on the left with its code below; the explanation and link beside it.
  const url = lookupUrl(input.baseUrl, d.code);
  const lh = w.lineHeight();
  w.ensure(QR_SIDE + lh * 1.5);
  const top = w.y;
  drawQr(w, url, w.left, top, QR_SIDE);
  w.y = top - QR_SIDE;
  w.text(d.code, { x: w.left, width: QR_SIDE, align: 'center', size: 9, style: 'bold' });
  const below = w.y;
  w.y = top - 8;
  const textX = w.left + QR_SIDE + 10;
  w.text(t('slip.receipt.lookup'), { x: textX, width: w.width - QR_SIDE - 10, size: 11, style: 'italic', align: 'justify', spaceAfter: 2 });
  w.text(url, { x: textX, width: w.width - QR_SIDE - 10, size: 11 });
  w.y = Math.min(below, w.y);

  signatures(w, t, [
    { title: 'slip.receipt.applicantSign', name: d.applicantName },
    { title: 'slip.receipt.officerSign', name: input.officerName },
  ]);
  return w.finish((n, of) => `${d.code} – ${t('slip.page', { n, of })}`);
}

/** The version's documents the dossier brings: every required one, and optional ones that came with files. */
function receivedDocuments(t: Translate, view: DossierView): string[] {
  const withFiles = new Set(view.files.filter((f) => f.purpose === 'document').map((f) => f.documentCode));
  return view.definition.documents
    .filter((doc) => doc.required || withFiles.has(doc.code))
    .map((doc) => t('slip.receipt.document', { name: doc.name, originals: doc.originals, copies: doc.copies }));
}

function fees(t: Translate, view: DossierView): string {
  const list = view.definition.fees;
  if (list.length === 0) return t('slip.receipt.noFees');
  const d = view.dossier;
  const total = d.feeTotal > 0 ? d.feeTotal : list.reduce((s, f) => s + f.amount, 0);
  const lines = list.map((f) => t('slip.receipt.fee', { name: f.name, amount: t('slip.money', { amount: formatMoney(f.amount) }) }));
  const summary = t('slip.receipt.feeTotal', { amount: t('slip.money', { amount: formatMoney(total) }), status: t(d.paidAt ? 'slip.receipt.paid' : 'slip.receipt.unpaid') });
  return t('slip.receipt.fees', { fees: `${lines.join('; ')} (${summary})` });
}
