import { randomUUID } from 'node:crypto';
import type { Dossier, DossierAction } from '../../src/services/dossiers/append-action.js';
import type { DossierView } from '../../src/services/dossiers/queries.js';
import { aDefinition } from './service-factories.js';

/**
 * Dossier read models built in memory, for code that only reads them (the printed slips): the shape
 * `dossierView` returns, without a database.
 */

/** A Vietnamese wall-clock time, "2026-03-16 09:15". */
export const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);

export type ActionSpec = Partial<DossierAction> & { type: string; at: Date };

export function aDossierView(over: { dossier?: Partial<Dossier>; actions?: ActionSpec[] } & Partial<Omit<DossierView, 'dossier' | 'actions'>> = {}): DossierView {
  const { dossier: dossierOver, actions: specs, ...rest } = over;
  const id = randomUUID();
  const dossier: Dossier = {
    id,
    code: 'H56-260316-0007',
    agencyId: randomUUID(),
    deskAgencyId: randomUUID(),
    procedureId: randomUUID(),
    procedureVersionId: randomUUID(),
    level: 'full_online',
    channel: 'online',
    state: 'received',
    applicantId: null,
    applicantKind: 'citizen',
    applicantName: 'Nguyễn Thị Hồng Nhung',
    applicantIdNumber: '004190012345',
    applicantEmail: 'nhung@example.vn',
    applicantPhone: '0912345678',
    applicantAddress: 'Số 12 phố Vườn Cam, phường Hợp Giang, tỉnh Cao Bằng',
    summary: null,
    answers: {},
    delivery: 'counter',
    submissionKey: null,
    createdAt: vn('2026-03-15 08:00'),
    updatedAt: vn('2026-03-16 09:15'),
    submittedAt: vn('2026-03-15 08:00'),
    receivedAt: vn('2026-03-16 09:15'),
    dueAt: vn('2026-03-23 09:15'),
    pausedSince: null,
    finishedAt: null,
    returnedAt: null,
    stepCode: 'XL',
    stepRole: 'specialist',
    stepDueAt: vn('2026-03-19 10:00'),
    assigneeId: null,
    feeTotal: 0,
    obligationAmount: 0,
    obligationRequested: false,
    paidOnline: false,
    paidAt: null,
    digitised: true,
    electronicResult: false,
    rating: null,
    lastSeq: 0,
    ...dossierOver,
  };
  const actions = (specs ?? [{ type: 'submit', at: dossier.submittedAt!, toState: 'submitted' }]).map((s, i) => anAction(id, i + 1, s));
  dossier.lastSeq = actions.length;
  return {
    dossier,
    procedureCode: '1.001234',
    procedureName: 'Cấp bản sao trích lục hộ tịch',
    agencyName: 'Phòng Tư pháp phường Thục Phán',
    deskName: 'Bộ phận Một cửa phường Thục Phán',
    deskAddress: 'Số 1 đường Hoàng Đình Giong, phường Thục Phán',
    definition: aDefinition(),
    versionNumber: 1,
    files: [],
    actions,
    ...rest,
  };
}

export function anAction(dossierId: string, seq: number, spec: ActionSpec): DossierAction {
  return {
    dossierId,
    seq,
    key: `k-${seq}`,
    fromState: null,
    toState: 'processing',
    stepCode: null,
    actorId: null,
    actorName: 'Cán bộ thử',
    actorAgencyId: null,
    dueAt: null,
    note: null,
    data: {},
    ...spec,
  };
}

/**
 * The log of a dossier that went the whole way: filed, received, assigned, three steps (specialist, leader,
 * clerk) and returned, with each step's due time as the workflow logs it.
 */
export function aFullLog(): ActionSpec[] {
  return [
    { type: 'submit', at: vn('2026-03-15 08:00'), toState: 'submitted', actorName: 'Nguyễn Thị Hồng Nhung' },
    { type: 'receive', at: vn('2026-03-16 09:15'), toState: 'received', stepCode: 'XL', dueAt: vn('2026-03-19 10:00'), actorName: 'Lê Văn Tiếp', data: { dueAt: vn('2026-03-23 09:15').toISOString() } },
    { type: 'assign', at: vn('2026-03-16 10:00'), toState: 'received', stepCode: 'XL', actorName: 'Hoàng Văn Lãnh', data: { assigneeName: 'Đặng Thị Xuân' } },
    { type: 'complete_step', at: vn('2026-03-18 15:00'), stepCode: 'PD', dueAt: vn('2026-03-20 16:00'), actorName: 'Đặng Thị Xuân', data: { from: 'XL', to: 'PD', stepDueAt: vn('2026-03-19 10:00').toISOString() } },
    { type: 'approve', at: vn('2026-03-20 15:30'), stepCode: 'PH', dueAt: vn('2026-03-23 08:00'), actorName: 'Hoàng Văn Lãnh', data: { from: 'PD', to: 'PH', stepDueAt: vn('2026-03-20 16:00').toISOString() } },
    { type: 'complete_step', at: vn('2026-03-23 08:30'), toState: 'processed', dueAt: vn('2026-03-23 09:15'), actorName: 'Vi Thị Văn', data: { from: 'PH', to: null, stepDueAt: vn('2026-03-23 08:00').toISOString() } },
    { type: 'return_result', at: vn('2026-03-23 09:00'), toState: 'returned', actorName: 'Lê Văn Tiếp', data: { delivery: 'counter' } },
  ];
}
