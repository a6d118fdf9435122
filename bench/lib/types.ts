import type { Cleanup } from './cleanup.js';
import type { PostgresProbe } from './engines.js';

export type Engine = 'pglite' | 'postgres';

export type Metric = { label: string; value: number; unit: string };

/** One line of results: a case of a scenario on one engine, or a note saying why it was skipped. */
export type ResultRow = {
  case: string;
  engine: Engine | null;
  metrics: Metric[];
  /** Set when the case did not run (e.g. PostgreSQL unreachable) or ran with a caveat worth printing. */
  note?: string;
};

export type BenchOptions = {
  /** How many times each start-up case repeats. */
  repeats: number;
  /** Seconds of load per measured load run. */
  durationSeconds: number;
  /** Concurrent connections of the load generator. */
  connections: number;
};

export type BenchContext = {
  /** The repository root; the server runs from its dist/ build. */
  root: string;
  options: BenchOptions;
  postgres: PostgresProbe;
  /** Everything a scenario creates is registered here, so a failure or Ctrl-C still removes it. */
  cleanup: Cleanup;
  /** A private temporary folder for this run (server logs). */
  workDir: string;
  log(line: string): void;
};

/** A file in bench/scenarios/ exports these. */
export type Scenario = {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<ResultRow[]>;
};

export type ScenarioResult = {
  name: string;
  description: string;
  startedAt: string;
  durationMs: number;
  /** 1-, 5- and 15-minute load averages when the scenario began: other work on the machine skews every figure. */
  loadAverage: number[];
  rows: ResultRow[];
  error?: string;
};
