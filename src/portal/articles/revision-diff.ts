import { diffWordsWithSpace } from 'diff';
import { htmlToText } from '../text/sanitize.js';
import type { articleRevisions } from '../schema.js';

type Revision = typeof articleRevisions.$inferSelect;

/** A run of words: unchanged, only in the older revision, or only in the newer one. */
export type Piece = { text: string; op: 'same' | 'del' | 'ins' };
export type TextDiff = { field: 'title' | 'summary' | 'body'; pieces: Piece[]; changed: boolean };
export type FieldChange = { field: string; before: string; after: string };
export type RevisionDiff = { from: number; to: number; texts: TextDiff[]; fields: FieldChange[] };

/** Past this many characters a word diff costs more than it tells; the body is compared up to here. */
const MAX_DIFF_CHARS = 60_000;

function words(before: string, after: string): Piece[] {
  return diffWordsWithSpace(before.slice(0, MAX_DIFF_CHARS), after.slice(0, MAX_DIFF_CHARS)).map((c) => ({ text: c.value, op: c.added ? 'ins' : c.removed ? 'del' : 'same' }));
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * What changed between two revisions: a word diff of the title, summary and the body's text (HTML is compared as
 * the reader sees it, so markup-only edits do not drown the words), and the other fields that differ. The pieces
 * are plain text; the view escapes them like any other value.
 */
export function diffRevisions(a: Revision, b: Revision): RevisionDiff {
  const texts: TextDiff[] = [
    { field: 'title', pieces: words(a.title, b.title), changed: a.title !== b.title },
    { field: 'summary', pieces: words(a.summary ?? '', b.summary ?? ''), changed: (a.summary ?? '') !== (b.summary ?? '') },
    { field: 'body', pieces: words(htmlToText(a.body), htmlToText(b.body)), changed: a.body !== b.body },
  ];
  const keys = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])];
  const fields = keys
    .map((k) => ({ field: k, before: show(a.fields[k]), after: show(b.fields[k]) }))
    .filter((f) => f.before !== f.after);
  return { from: a.number, to: b.number, texts, fields };
}
