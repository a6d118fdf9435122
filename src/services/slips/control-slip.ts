import { formatVnDateTime } from '../../platform/dates.js';
import type { Translate } from '../../platform/i18n/index.js';
import type { DossierView } from '../dossiers/queries.js';
import { type SlipInput, applicantFields, field, signatures, startSlip } from './form-layout.js';
import { type HandOver, type Party, handOvers } from './hand-overs.js';
import type { Cell, Column } from './pdf-layout.js';

/**
 * Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 01/2018/TT-VPCP): one row per hand-over, from the desk's
 * reception to the return of the result, with the due time of the giver's step and its judgement. The paper form
 * has each giver and receiver sign their row; here the log's names stand for the signatures.
 */
export async function controlSlip(input: SlipInput): Promise<Uint8Array> {
  const { view } = input;
  const d = view.dossier;
  const { w, t } = await startSlip({ input, titleKey: 'slip.control.title', issuer: view.deskName });

  if (d.code) w.text(t('slip.control.receipt', { code: d.code }), { align: 'center', style: 'italic', spaceAfter: 6 });
  applicantFields(w, t, view, 'slip.label.dossierOf');
  field(w, t('slip.label.agency'), view.agencyName);
  if (d.dueAt) w.text(t('slip.control.due', { time: formatVnDateTime(d.dueAt) }), { spaceAfter: 8 });

  const rows = handOvers(view);
  if (rows.length === 0) w.text(t('slip.control.empty'), { style: 'italic' });
  else w.table(columns(t), rows.map((r, i) => row(t, view, r, i)), { size: 10 });

  signatures(w, t, [{ title: 'slip.control.sign', name: input.officerName }]);
  return w.finish((n, of) => `${d.code ?? ''} – ${t('slip.page', { n, of })}`);
}

function columns(t: Translate): Column[] {
  return [
    { title: t('slip.control.col.no'), width: 6, align: 'center' },
    { title: t('slip.control.col.giver'), width: 20 },
    { title: t('slip.control.col.receiver'), width: 20 },
    { title: t('slip.control.col.at'), width: 13, align: 'center' },
    { title: t('slip.control.col.due'), width: 13, align: 'center' },
    { title: t('slip.control.col.result'), width: 12, align: 'center' },
    { title: t('slip.control.col.note'), width: 16 },
  ];
}

function row(t: Translate, view: DossierView, r: HandOver, i: number): Cell[] {
  const typeNote = r.type === 'return_step' || r.type === 'return_result' || r.type === 'consult' || r.type === 'answer_consultation' ? t(`slip.control.type.${r.type}`) : null;
  return [
    String(i + 1),
    party(t, view, r.giver, r.giverPerson),
    party(t, view, r.receiver, r.receiverPerson),
    formatVnDateTime(r.at),
    r.dueAt ? formatVnDateTime(r.dueAt) : '—',
    r.result ? [{ text: t(`slip.control.result.${r.result}`), style: r.result === 'late' ? 'bold' : 'regular' }] : '—',
    [typeNote, r.note].filter(Boolean).join(': '),
  ];
}

function party(t: Translate, view: DossierView, p: Party, person: string | null): Cell {
  // Steps are named without their agency, which the slip names once above the table.
  const name = p.kind === 'desk' ? view.deskName : p.kind === 'applicant' ? t('slip.control.applicant') : p.kind === 'agency' ? p.name : `${p.name}${p.role ? ` (${t(`role.${p.role}`)})` : ''}`;
  return person ? [{ text: `${name}\n` }, { text: person, style: 'italic' }] : name;
}
