import fs from 'node:fs';
import path from 'node:path';
import type { MachineFacts } from './machine.js';
import type { BenchOptions, ScenarioResult } from './types.js';

export type BenchReport = {
  startedAt: string;
  finishedAt: string;
  machine: MachineFacts;
  options: BenchOptions;
  scenarios: ScenarioResult[];
};

const header = ['Scenario', 'Case', 'Engine', 'Figures'];

function formatValue(value: number, unit: string): string {
  const n = Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return unit === 'count' ? n : `${n} ${unit}`;
}

/** One line per case; its figures (which differ between scenarios) and any note share the last column. */
export function tableRows(scenarios: ScenarioResult[]): string[][] {
  const out: string[][] = [];
  for (const s of scenarios) {
    if (s.error) out.push([s.name, '—', '—', `FAILED: ${s.error.split('\n')[0] ?? ''}`]);
    for (const row of s.rows) {
      const figures = row.metrics.map((m) => `${m.label} ${formatValue(m.value, m.unit)}`);
      if (row.note) figures.push(row.metrics.length ? `(${row.note})` : row.note);
      out.push([s.name, row.case, row.engine ?? '—', figures.join('; ')]);
    }
  }
  return out;
}

export function textTable(rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownReport(report: BenchReport): string {
  const m = report.machine;
  const o = report.options;
  const rows = tableRows(report.scenarios);
  return [
    `# congso benchmark, ${report.startedAt}`,
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}`,
    `- Node ${m.node}; PostgreSQL ${m.postgres}; PGlite ${m.pglite}`,
    `- Commit ${m.gitCommit}${m.gitDirty ? ' (with uncommitted changes)' : ''}`,
    `- Options: ${o.repeats} start-up repeats, ${o.durationSeconds} s per load run, ${o.connections} connections`,
    `- Load average (1/5/15 min) when each scenario began: ${report.scenarios.map((s) => `${s.name} ${s.loadAverage.join('/')}`).join('; ')}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    '',
  ].join('\n');
}

/** Writes bench/results/<timestamp>.json and bench/results/latest.md; returns the JSON path. */
export function writeReport(resultsDir: string, report: BenchReport): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const jsonPath = path.join(resultsDir, `${stamp}.json`);
  fs.writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), markdownReport(report));
  return jsonPath;
}
