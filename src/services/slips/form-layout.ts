import { formatVnDateTime, vnToday } from '../../platform/dates.js';
import { Conflict } from '../../platform/errors.js';
import { type Locale, type MessageKey, type Translate, translator } from '../../platform/i18n/index.js';
import type { DossierAction } from '../dossiers/append-action.js';
import type { DossierView } from '../dossiers/queries.js';
import { BODY_SIZE, type FontStyle, PdfWriter, type Run } from './pdf-layout.js';

/**
 * The layout every Vietnamese administrative form shares (Decree 30/2020/NĐ-CP, TT 01/2018/TT-VPCP): the issuing
 * body top left (its parent above it, a short rule below), the national motto top right, the place and date line
 * in italics, the title in capitals, the body, and signature blocks. Also the formats the slips print: times in
 * Vietnam time and amounts with "." between thousands.
 */

/** What every slip is printed from. The slips write nothing: they read the dossier as the caller loaded it. */
export type SlipInput = {
  view: DossierView;
  /** The issuing body's parent, printed above it (e.g. "UBND tỉnh Cao Bằng"); the view names only the body. */
  parentName?: string | null;
  /** The place in the date line ("Cao Bằng, ngày … tháng … năm …"). */
  place: string;
  /** The public address of the portal, for the lookup link and QR. */
  baseUrl: string;
  now: Date;
  /** Who prints and signs the slip. */
  officerName: string;
  /** Slips are legal forms in Vietnamese; English is for foreign applicants. */
  locale?: Locale;
};

export type SlipSetup = { input: SlipInput; titleKey: MessageKey; issuer: string };

/** A slip's document: metadata, the header blocks and the title, ready for its body. */
export async function startSlip({ input, titleKey, issuer }: SlipSetup): Promise<{ w: PdfWriter; t: Translate }> {
  const t = translator(input.locale ?? 'vi');
  const { view } = input;
  const title = t(titleKey);
  const w = await PdfWriter.create({
    title: view.dossier.code ? `${sentenceCase(title)} – ${view.dossier.code}` : sentenceCase(title),
    subject: view.procedureName,
    author: issuer,
    language: input.locale === 'en' ? 'en' : 'vi-VN',
    now: input.now,
  });
  header(w, t, { parent: input.parentName ?? null, issuer, code: view.dossier.code, place: input.place, at: input.now });
  w.moveDown(16);
  w.text(title, { style: 'bold', size: 13, align: 'center', spaceAfter: 12 });
  return { w, t };
}

function header(w: PdfWriter, t: Translate, o: { parent: string | null; issuer: string; code: string | null; place: string; at: Date }): void {
  const leftWidth = w.width * 0.42;
  const rightWidth = w.width * 0.56;
  const rightX = w.left + w.width - rightWidth;
  const top = w.y;

  if (o.parent) w.text(upper(o.parent), { x: w.left, width: leftWidth, align: 'center', size: 11.5 });
  w.text(upper(o.issuer), { x: w.left, width: leftWidth, align: 'center', size: 11.5, style: 'bold' });
  centredRule(w, w.left, leftWidth, leftWidth / 3);
  w.moveDown(6);
  if (o.code) w.text(t('slip.code', { code: o.code }), { x: w.left, width: leftWidth, align: 'center', size: 11.5 });
  const leftBottom = w.y;

  w.y = top;
  const country = t('slip.motto.country');
  w.text(country, { x: rightX, width: rightWidth, align: 'center', style: 'bold', size: fitSize(w, country, 'bold', rightWidth, 11.5) });
  const words = t('slip.motto.words');
  w.text(words, { x: rightX, width: rightWidth, align: 'center', style: 'bold', size: 12.5 });
  centredRule(w, rightX, rightWidth, w.widthOf(words, 'bold', 12.5));
  w.moveDown(6);
  w.text(placeDate(t, o.place, o.at), { x: rightX, width: rightWidth, align: 'center', style: 'italic', size: 12 });

  w.y = Math.min(leftBottom, w.y);
}

function centredRule(w: PdfWriter, x: number, width: number, length: number): void {
  w.rule(x + (width - length) / 2, x + (width + length) / 2);
}

/** The largest size up to `max` at which one line of text fits the width. */
function fitSize(w: PdfWriter, text: string, style: FontStyle, width: number, max: number): number {
  const natural = w.widthOf(text, style, max);
  return natural <= width ? max : Math.floor((max * width * 10) / natural) / 10;
}

/** Signature blocks side by side (one block sits on the right): title, hint, room to sign, printed name. */
export function signatures(w: PdfWriter, t: Translate, blocks: { title: MessageKey; hint?: MessageKey; name: string | null }[]): void {
  const lh = w.lineHeight();
  w.moveDown(10);
  w.ensure(lh * 4 + 60);
  const width = w.width / 2;
  const top = w.y;
  let bottom = top;
  blocks.forEach((b, i) => {
    w.y = top;
    const x = w.left + (blocks.length === 1 ? width : i * width);
    w.text(t(b.title), { x, width, align: 'center', style: 'bold' });
    w.text(t(b.hint ?? 'slip.signHint'), { x, width, align: 'center', style: 'italic', size: BODY_SIZE - 1 });
    w.moveDown(60);
    if (b.name) w.text(b.name, { x, width, align: 'center', style: 'bold' });
    bottom = Math.min(bottom, w.y);
  });
  w.y = bottom;
}

/** "Label: value" with the value in bold; nothing is printed when the value is empty. */
export function field(w: PdfWriter, label: string, value: string | null | undefined): void {
  if (!value?.trim()) return;
  w.text([{ text: `${label}: ` }, { text: value.trim(), style: 'bold' }], { align: 'justify', spaceAfter: 2 });
}

/** The applicant and the request, as the desk's forms open. */
export function applicantFields(w: PdfWriter, t: Translate, view: DossierView, nameLabel: MessageKey): void {
  const d = view.dossier;
  field(w, t(nameLabel), d.applicantName);
  field(w, t('slip.label.idNumber'), d.applicantIdNumber);
  field(w, t('slip.label.address'), d.applicantAddress);
  const contact = [d.applicantPhone && `${t('slip.label.phone')}: ${d.applicantPhone}`, d.applicantEmail && `${t('slip.label.email')}: ${d.applicantEmail}`].filter(Boolean).join('; ');
  if (contact) w.text(contact, { spaceAfter: 2 });
  field(w, t('slip.label.request'), view.procedureName);
  field(w, t('slip.label.summary'), d.summary);
}

/** Numbered lines ("1. …"), hanging under their number. */
export function numbered(w: PdfWriter, items: (string | Run[])[], prefix = ''): void {
  items.forEach((item, i) => {
    const label = `${prefix}${i + 1}. `;
    const runs = typeof item === 'string' ? [{ text: item }] : item;
    w.text([{ text: label }, ...runs], { indent: 14, align: 'justify', spaceAfter: 2 });
  });
}

/** The last logged action of a type (or the one with the given number): the slip prints what that action said. */
export function actionOf(view: DossierView, type: string, seq?: number): DossierAction {
  const found = view.actions.filter((a) => a.type === type && (seq === undefined || a.seq === seq)).at(-1);
  if (!found) throw new Conflict('slip.error.notAvailable');
  return found;
}

/** "Cao Bằng, ngày 05 tháng 3 năm 2026": days below 10 and months below 3 take a leading zero (Decree 30/2020). */
export function placeDate(t: Translate, place: string, at: Date): string {
  const [year, month, day] = vnToday(at).split('-').map(Number) as [number, number, number];
  return t('slip.placeDate', { place, day: String(day).padStart(2, '0'), month: month < 3 ? `0${month}` : String(month), mm: String(month).padStart(2, '0'), year });
}

/** "09 giờ 15 phút, ngày 05/03/2026" in Vietnam time, as the receipt form writes times. */
export function slipTime(t: Translate, at: Date): string {
  const [date, hm] = formatVnDateTime(at).split(' ') as [string, string];
  const [hour, minute] = hm.split(':') as [string, string];
  return t('slip.time', { hour, minute, date });
}

/** Whole đồng with "." between thousands: 1250000 → "1.250.000". */
export function formatMoney(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return sign + String(Math.trunc(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}
