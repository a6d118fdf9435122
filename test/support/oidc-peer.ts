import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

export type PeerAccount = { name?: string; email?: string; email_verified?: boolean; phone_number?: string };

/**
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1 with one registered client. Its sign-in step is a
 * tiny form: POST login=<account id> signs in as that account (and grants consent), abort=1 refuses.
 */
export class OidcPeer {
  readonly accounts = new Map<string, PeerAccount>();
  readonly clientId = 'congso-test';
  readonly clientSecret = 'congso-test-secret-0123456789';
  issuer = '';
  private server = http.createServer();
  private provider: Provider | null = null;

  async start(redirectUri: (issuer: string) => string): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const provider = new Provider(this.issuer, {
      clients: [{ client_id: this.clientId, client_secret: this.clientSecret, redirect_uris: [redirectUri(this.issuer)], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], phone: ['phone_number'] },
      findAccount: async (_ctx: unknown, sub: string) => {
        const account = this.accounts.get(sub);
        return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
      },
      cookies: { keys: ['oidc-peer-cookie-key-0123456789'] },
      jwks: { keys: [{ ...jwk, use: 'sig', kid: 'peer' }] },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
    });
    this.provider = provider;
    const handle = provider.callback();
    this.server.on('request', (req, res) => {
      if (req.method === 'POST' && /^\/interaction\/[^/?]+$/.test(req.url ?? '')) {
        this.interact(req, res).catch(() => {
          res.statusCode = 500;
          res.end();
        });
        return;
      }
      handle(req, res);
    });
    return this.issuer;
  }

  private async interact(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const provider = this.provider!;
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const form = new URLSearchParams(body);
    const details = await provider.interactionDetails(req, res);
    if (form.get('abort')) {
      await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = form.get('login') ?? '';
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  /**
   * Plays the browser at the provider: follows its redirects with its cookies, signs in as the account (or
   * refuses), and returns where the provider sends the browser back: the app's callback URL.
   */
  async authorize(authorizationUrl: string, as: { login: string } | { abort: true }): Promise<URL> {
    const jar = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}) => {
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0]!;
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      const location = res.headers.get('location');
      if (res.status !== 303 && res.status !== 302) throw new Error(`provider answered ${res.status} at ${url}`);
      return new URL(location!, this.issuer);
    };
    const interaction = await go(authorizationUrl);
    const form = 'login' in as ? `login=${encodeURIComponent(as.login)}` : 'abort=1';
    const resume = await go(interaction.href, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    return go(resume.href);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
