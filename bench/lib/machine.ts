import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PostgresProbe } from './engines.js';

export type MachineFacts = {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  postgres: string;
  pglite: string;
  gitCommit: string;
  /** Uncommitted changes in the working tree when the bench ran. */
  gitDirty: boolean | null;
};

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'));
    if (m?.[1]) return `${m[1]} (${os.release()})`;
  } catch {
    // Not Linux, or no os-release.
  }
  return `${os.type()} ${os.release()}`;
}

/** PGlite's package version and the PostgreSQL version it embeds (asked of an in-memory instance). */
async function pgliteVersion(root: string): Promise<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  const db = await PGlite.create();
  try {
    const res = await db.query<{ server_version: string }>('show server_version');
    return `${pkg.version} (PostgreSQL ${res.rows[0]?.server_version ?? '?'})`;
  } finally {
    await db.close();
  }
}

export async function machineFacts(root: string, postgres: PostgresProbe): Promise<MachineFacts> {
  const cpus = os.cpus();
  const status = git(root, ['status', '--porcelain']);
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    postgres: postgres.available ? postgres.version : `not reachable (${postgres.reason})`,
    pglite: await pgliteVersion(root),
    gitCommit: git(root, ['rev-parse', 'HEAD']) ?? 'unknown',
    gitDirty: status === null ? null : status.length > 0,
  };
}
