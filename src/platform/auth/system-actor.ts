import os from 'node:os';
import type { Actor } from '../context.js';

/** Audit rows need a uuid for their actor; the nil uuid marks work done by the operator's tools, not a person. */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The actor for operator commands (the `congso` CLI): whoever runs them already controls the server and its
 * database, so they act with a system-wide grant, and the audit log names the operating-system account.
 */
export function systemActor(label = `console:${os.userInfo().username}`): Actor {
  return { userId: SYSTEM_ACTOR_ID, kind: 'official', label, agencyId: null, grants: [{ role: 'system_admin', agencyId: null, includeDescendants: false }] };
}
