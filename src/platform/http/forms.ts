import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { Invalid } from '../errors.js';
import type { FormState } from '../views/form.js';
import { sendPage } from '../views/render.js';

/** What the person typed, to show again next to the errors; secrets are never echoed back. */
export function formValues(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf' || /password|current|confirm|secret|token/i.test(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  return out;
}

/**
 * Runs a form's use case; when the input is invalid, the same page comes back with the errors (422),
 * and nothing was written because the use case validates before it writes.
 */
export async function submitForm(
  reply: FastifyReply,
  body: unknown,
  work: () => Promise<unknown>,
  /** May load what the page needs (it runs only when the form comes back). */
  rerender: (form: FormState) => VNode | Promise<VNode>,
): Promise<unknown> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof Invalid) return sendPage(reply, await rerender({ values: formValues(body), errors: err.fields }), 422);
    throw err;
  }
}
