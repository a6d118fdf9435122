import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count, ne } from 'drizzle-orm';
import type { Actor, Ctx } from '../../src/platform/context.js';
import { Forbidden, NotFound, Unauthenticated } from '../../src/platform/errors.js';
import { auditLog } from '../../src/platform/schema.js';
import type { TestEnv } from '../support/app.js';
import { actorFor, makeAgency, makeCitizen, makeOfficial } from '../support/factories.js';

/**
 * The columns of every permission table, in this order. Officials other than the system administrator and
 * the administrator of A1 sit in department A; the administrator of A and the leader hold their role over
 * A's sub-agencies too, the others in A alone.
 */
export const actorKeys = ['sys', 'admA', 'admA1', 'editor', 'approver', 'desk', 'specialist', 'leader', 'clerk', 'citizen', 'anon'] as const;
export type ActorKey = (typeof actorKeys)[number];

const actorNames: Record<ActorKey, string> = {
  sys: 'system_admin',
  admA: 'agency_admin of A (with sub-agencies)',
  admA1: 'agency_admin of A1 (without sub-agencies)',
  editor: 'editor of A',
  approver: 'approver of A',
  desk: 'desk_officer of A',
  specialist: 'specialist of A',
  leader: 'leader of A (with sub-agencies)',
  clerk: 'clerk of A',
  citizen: 'a citizen',
  anon: 'an anonymous visitor',
};

export type Agencies = { province: { id: string }; A: { id: string }; A1: { id: string }; B: { id: string } };

export type World = {
  env: TestEnv;
  db: TestEnv['database']['db'];
  tree: Agencies;
  actors: Record<ActorKey, Actor | null>;
  ctx(key: ActorKey): Ctx;
};

/**
 * One province People's Committee with department A (and its division A1) and department B, and one
 * actor per column of the tables.
 */
export async function makeWorld(env: TestEnv): Promise<World> {
  const db = env.database.db;
  const province = await makeAgency(db, { name: 'UBND tỉnh Thử', type: 'people_committee' });
  const A = await makeAgency(db, { name: 'Sở A', type: 'department', parentId: province.id });
  const A1 = await makeAgency(db, { name: 'Phòng A1', type: 'division', parentId: A.id });
  const B = await makeAgency(db, { name: 'Sở B', type: 'department', parentId: province.id });
  const inA = (role: 'editor' | 'approver' | 'desk_officer' | 'specialist' | 'clerk') => makeOfficial(db, { agencyId: A.id, roles: [role] });
  const officials = {
    sys: await makeOfficial(db, { agencyId: province.id, roles: ['system_admin'] }),
    admA: await makeOfficial(db, { agencyId: A.id, roles: [{ role: 'agency_admin', includeDescendants: true }] }),
    admA1: await makeOfficial(db, { agencyId: A1.id, roles: ['agency_admin'] }),
    editor: await inA('editor'),
    approver: await inA('approver'),
    desk: await inA('desk_officer'),
    specialist: await inA('specialist'),
    leader: await makeOfficial(db, { agencyId: A.id, roles: [{ role: 'leader', includeDescendants: true }] }),
    clerk: await inA('clerk'),
  };
  const actors = { anon: null } as Record<ActorKey, Actor | null>;
  for (const [key, user] of Object.entries(officials)) actors[key as ActorKey] = await actorFor(db, user);
  actors.citizen = await actorFor(db, await makeCitizen(db));
  return { env, db, tree: { province, A, A1, B }, actors, ctx: (key) => env.ctx(actors[key]) };
}

/** Audit entries a refused action could have written; the refusal itself is logged as auth.access_denied. */
export async function auditCount(db: World['db']): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(ne(auditLog.action, 'auth.access_denied'));
  return Number(row!.n);
}

/**
 * Y: allowed. N: refused — Unauthenticated for the anonymous visitor, Forbidden for everyone else.
 * h: hidden — the record is reported as not found, or left out of the list.
 */
export type Expectation = 'Y' | 'N' | 'h';

export type Attempt = {
  run(ctx: Ctx): Promise<unknown>;
  /** The rows the attempt could change, read again after it to prove a refusal wrote nothing. */
  state(): Promise<unknown>;
  /** For reads: whether the result shows the target. */
  shows?(result: unknown): boolean;
};

export type Action = {
  /** Completes "<actor> may / may not …". */
  name: string;
  /** One cell per actor, in the order of actorKeys, separated by spaces. */
  expect: string;
  /** What an allowed call does: changes the rows and audits, only audits (a read of personal data), or neither. */
  effect: 'change' | 'audit' | 'none';
  setup(): Promise<Attempt>;
};

export function parseRow(row: string): Expectation[] {
  const cells = row.trim().split(/\s+/);
  assert.equal(cells.length, actorKeys.length, `a row has one cell per actor: "${row}"`);
  for (const c of cells) assert.ok(c === 'Y' || c === 'N' || c === 'h', `unknown cell "${c}" in "${row}"`);
  return cells as Expectation[];
}

/**
 * One test per cell. An allowed call gets fresh target rows, since it changes them; the refused calls of an
 * action share one target, which each of them must leave exactly as it was.
 */
export function matrixTests(world: () => World, actions: Action[]): void {
  for (const action of actions) {
    const cells = parseRow(action.expect);
    let shared: Promise<Attempt> | null = null;
    actorKeys.forEach((key, i) => {
      const expected = cells[i]!;
      test(`${actorNames[key]} ${expected === 'Y' ? 'may' : 'may not'} ${action.name}`, async () => {
        const w = world();
        const attempt = await (expected === 'Y' ? action.setup() : (shared ??= action.setup()));
        const before = await attempt.state();
        const audits = await auditCount(w.db);
        let result: unknown;
        let error: unknown = null;
        try {
          result = await attempt.run(w.ctx(key));
        } catch (err) {
          error = err;
        }
        if (expected === 'Y') {
          if (error) throw error;
          if (attempt.shows) assert.ok(attempt.shows(result), 'the result shows the target');
          if (action.effect === 'change') assert.notDeepEqual(await attempt.state(), before, 'the allowed call changed the target');
          assert.equal(await auditCount(w.db), audits + (action.effect === 'none' ? 0 : 1), 'audit entries written');
          return;
        }
        if (expected === 'N') {
          const refusal = key === 'anon' ? Unauthenticated : Forbidden;
          assert.ok(error instanceof refusal, `expected ${refusal.name}, got ${error === null ? 'success' : String(error)}`);
        } else {
          const hidden = error instanceof NotFound || (error === null && attempt.shows !== undefined && !attempt.shows(result));
          assert.ok(hidden, `expected the target to stay hidden, got ${error === null ? 'it shown' : String(error)}`);
        }
        assert.deepEqual(await attempt.state(), before, 'nothing changed');
        assert.equal(await auditCount(w.db), audits, 'no audit entry');
      });
    });
  }
}
