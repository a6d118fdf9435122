import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet sets for these options, worked out once. The options hold no per-request part (no
 * nonces), so every answer carries the same headers; @fastify/helmet would rebuild helmet's middleware and parse
 * the policy on every request, a few per cent of rendering a page.
 */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown = null;
  helmet(options)({} as never, res as never, (err?: unknown) => {
    failure = err ?? null;
  });
  if (failure) throw failure;
  if (Object.keys(headers).length === 0) throw new Error('helmet set no header: its middleware did not run as expected');
  return headers;
}
