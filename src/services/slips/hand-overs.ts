import { vnToday } from '../../platform/dates.js';
import type { DossierView } from '../dossiers/queries.js';
import type { StepRole } from '../procedures/definition.js';

/**
 * The hand-overs of a dossier, read from its action log, for the control slip (phiếu kiểm soát quá trình giải
 * quyết hồ sơ): who gave it, who received it, when, the due time of the giver's step and whether the giver was
 * early, on time or late.
 */

export type Judgement = 'early' | 'on_time' | 'late';

export type Party = { kind: 'desk' } | { kind: 'applicant' } | { kind: 'step'; code: string; name: string; role: StepRole | null } | { kind: 'agency'; name: string };

export type HandOver = {
  seq: number;
  type: string;
  at: Date;
  giver: Party;
  giverPerson: string;
  receiver: Party;
  /** Who took it: the officer who later handed it on, else the one it was assigned to; unknown while unassigned. */
  receiverPerson: string | null;
  /** When the giver's step was due; null for the desk's own reception, which has no step deadline. */
  dueAt: Date | null;
  result: Judgement | null;
  note: string | null;
};

/** The log's types that move the dossier from one holder to another. */
const HAND_OVER_TYPES = new Set(['receive', 'complete_step', 'approve', 'return_step', 'release', 'return_result']);

/**
 * A consultation sends a question to other agencies and their answers come back while the dossier stays with the
 * step: rows of their own on the slip, which neither change the holder nor take the holder's name as receiver.
 * An answer is judged against the answer-by time.
 */
function consultationRow(view: LogView, a: LogView['actions'][number], holder: Party): HandOver {
  const data = a.data;
  if (a.type === 'consult') {
    const names = Array.isArray(data.agencies) ? (data.agencies as { name?: unknown }[]).map((x) => String(x.name ?? '')).join('; ') : '';
    return { seq: a.seq, type: a.type, at: a.at, giver: holder, giverPerson: a.actorName, receiver: { kind: 'agency', name: names }, receiverPerson: null, dueAt: null, result: null, note: a.note };
  }
  const consult = view.actions.find((x) => x.type === 'consult' && x.seq === data.consultSeq);
  const agencies = Array.isArray(consult?.data.agencies) ? (consult.data.agencies as { id?: unknown; name?: unknown }[]) : [];
  const name = String(agencies.find((x) => x.id === data.agencyId)?.name ?? '');
  const dueAt = loggedDate(data.answerBy);
  // The answer goes back to whoever asked.
  return { seq: a.seq, type: a.type, at: a.at, giver: { kind: 'agency', name }, giverPerson: a.actorName, receiver: holder, receiverPerson: consult?.actorName ?? null, dueAt, result: judge(a.at, dueAt), note: a.note };
}

/**
 * Early means handed over before the due day (Vietnam time), on time means on the due day no later than the due
 * time, late means after it: the three columns of the national report (Biểu II.06a: trước hạn, đúng hạn, quá hạn).
 */
export function judge(at: Date, dueAt: Date | null): Judgement | null {
  if (!dueAt) return null;
  if (at.getTime() > dueAt.getTime()) return 'late';
  return vnToday(at) < vnToday(dueAt) ? 'early' : 'on_time';
}

type LogView = Pick<DossierView, 'actions' | 'definition' | 'dossier'>;

export function handOvers(view: LogView): HandOver[] {
  const rows: HandOver[] = [];
  // Who holds the dossier, and when their step is due: set by the hand-over that gave it to them.
  let holder: Party = { kind: 'desk' };
  let holderDue: Date | null = null;
  let assignee: string | null = null;
  // The last row that handed the dossier itself over: the next one names who took it.
  let lastMain: HandOver | undefined;
  for (const a of view.actions) {
    const data = a.data;
    if (a.type === 'consult' || a.type === 'answer_consultation') {
      rows.push(consultationRow(view, a, holder));
      continue;
    }
    if (a.type === 'assign') {
      assignee = typeof data.assigneeName === 'string' ? data.assigneeName : assignee;
      continue;
    }
    if (!HAND_OVER_TYPES.has(a.type)) continue;
    if (lastMain && lastMain.receiver.kind !== 'applicant') lastMain.receiverPerson = a.actorName;
    const giver = 'from' in data && typeof data.from === 'string' ? stepParty(view, data.from) : holder;
    const receiver = receiverOf(view, a);
    // The step's due time as it stood at the hand-over (moved by pauses), when the workflow logged it.
    const dueAt = loggedDate(data.stepDueAt) ?? holderDue;
    lastMain = {
      seq: a.seq,
      type: a.type,
      at: a.at,
      giver,
      giverPerson: a.actorName,
      receiver,
      receiverPerson: receiver.kind === 'applicant' ? view.dossier.applicantName : null,
      dueAt,
      result: judge(a.at, dueAt),
      note: a.note,
    };
    rows.push(lastMain);
    holder = receiver;
    holderDue = a.dueAt;
    assignee = null;
  }
  if (lastMain && !lastMain.receiverPerson) lastMain.receiverPerson = assignee;
  return rows;
}

function receiverOf(view: LogView, a: LogView['actions'][number]): Party {
  if (a.type === 'return_result') return { kind: 'applicant' };
  if (a.type === 'release') return { kind: 'desk' };
  // After the last step the dossier goes back to the desk: `to` is null then.
  const to = 'to' in a.data ? a.data.to : a.stepCode;
  return typeof to === 'string' ? stepParty(view, to) : { kind: 'desk' };
}

function stepParty(view: LogView, code: string): Party {
  const step = view.definition.steps.find((s) => s.code === code);
  return { kind: 'step', code, name: step?.name ?? code, role: step?.role ?? null };
}

/** A time the workflow logged in an action's data (an ISO string), or null. */
export function loggedDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
