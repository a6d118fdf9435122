import type { dossierState } from './schema.js';

export type DossierState = (typeof dossierState.enumValues)[number];

/**
 * The national public service portal's status codes (research: vn-publicservice.md §4). Reports and the national
 * sync speak these numbers; congso's states are their names. A draft has no national status: it was never filed.
 */
export const NATIONAL_STATUS: Record<Exclude<DossierState, 'draft'>, number> = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  supplement: 5,
  financial: 6,
  withdrawn: 7,
  stopped: 8,
  processed: 9,
  returned: 10,
};

export function nationalStatus(state: DossierState): number | null {
  return state === 'draft' ? null : NATIONAL_STATUS[state];
}

/**
 * The clock stops while the applicant owes something (documents, a financial obligation) or resolution is stopped;
 * a stopped dossier is also finished (stop-dossier.ts), so the reports count it apart, never as paused.
 */
export const PAUSED_STATES: readonly DossierState[] = ['supplement', 'financial', 'stopped'];

/** Nothing more happens to these, apart from being read and rated. */
export const FINAL_STATES: readonly DossierState[] = ['refused', 'withdrawn', 'stopped', 'returned'];

/** The applicant may still withdraw. */
export const WITHDRAWABLE_STATES: readonly DossierState[] = ['submitted', 'received', 'processing', 'supplement', 'financial'];
