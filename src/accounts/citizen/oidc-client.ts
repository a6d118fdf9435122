import * as client from 'openid-client';
import type { FastifyBaseLogger } from 'fastify';
import { ConfigError, type Config } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { phonePattern } from '../../platform/validation.js';

export type OidcSettings = NonNullable<Config['oidc']>;

/** What congso takes from the provider, already checked and normalised. */
export type OidcClaims = { sub: string; name: string | null; email: string | null; emailVerified: boolean; phone: string | null };

/** The values that must come back with the person: kept sealed in a cookie between the redirect and the callback. */
export type OidcChecks = { verifier: string; state: string; nonce: string };

/** A sign-in through the provider that did not complete; shown as a page, and nothing was written. */
export class OidcFailure extends AppError {
  readonly code = 'oidc_failed';
  constructor(
    key: MessageKey,
    readonly status = 400,
  ) {
    super(key);
  }
}

const localHosts = new Set(['localhost', '127.0.0.1']);

/** Plain http leaks codes and tokens; it is allowed only for a provider on this machine (tests, local demos). */
export function checkIssuer(issuer: string): URL {
  const url = new URL(issuer);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && localHosts.has(url.hostname)) return url;
  throw new ConfigError([`OIDC_ISSUER: phải dùng https:// (must use https://), trừ localhost/127.0.0.1 (giá trị / value: ${JSON.stringify(issuer)})`]);
}

const optionalString = (v: unknown, max: number) => (typeof v === 'string' && v.trim() !== '' ? v.normalize('NFC').trim().slice(0, max) : null);

/** Claims are data from another system: anything malformed is dropped rather than stored. */
export function normaliseClaims(raw: Record<string, unknown>): OidcClaims {
  const sub = raw.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 255) throw new OidcFailure('citizen.oidc.failed');
  const email = optionalString(raw.email, 200)?.toLowerCase() ?? null;
  const phoneDigits = optionalString(raw.phone_number, 40)?.replace(/[\s.()-]/g, '') ?? '';
  const phone = phonePattern.exec(phoneDigits);
  const fromParts = [optionalString(raw.family_name, 100), optionalString(raw.middle_name, 100), optionalString(raw.given_name, 100)].filter(Boolean).join(' ');
  return {
    sub,
    name: optionalString(raw.name, 200) ?? (fromParts || null),
    email: email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null,
    emailVerified: raw.email_verified === true || raw.email_verified === 'true',
    phone: phone ? `0${phone[1]}` : null,
  };
}

/**
 * The relying party for the national SSO (VNeID or any OpenID Connect provider): authorization code flow with
 * PKCE, state and nonce. The provider's metadata is fetched on first use and kept; a failed fetch is retried
 * on the next sign-in instead of breaking start-up.
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | null = null;
  readonly issuer: URL;

  constructor(
    readonly settings: OidcSettings,
    readonly redirectUri: string,
    private log: FastifyBaseLogger,
  ) {
    this.issuer = checkIssuer(settings.issuer);
  }

  get displayName(): string {
    return this.settings.displayName;
  }

  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      const insecure = this.issuer.protocol === 'http:';
      this.configuration = client
        .discovery(this.issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
          timeout: 10,
        })
        .catch((err: unknown) => {
          this.configuration = null;
          this.log.warn({ err: { name: (err as Error).name, code: (err as { code?: unknown }).code } }, 'OIDC discovery failed');
          throw new OidcFailure('citizen.oidc.unavailable', 503);
        });
    }
    return this.configuration;
  }

  async start(): Promise<{ url: string; checks: OidcChecks }> {
    const config = await this.config();
    const checks = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
    return { url: url.href, checks };
  }

  /**
   * Finishes the flow from the callback's query string: the provider's own error, a state that does not match
   * this browser's attempt, or a token response that fails validation all end as an OidcFailure.
   */
  async finish(query: URLSearchParams, checks: OidcChecks): Promise<OidcClaims> {
    if (query.get('state') !== checks.state) throw new OidcFailure('citizen.oidc.badState');
    const error = query.get('error');
    if (error) throw new OidcFailure(error === 'access_denied' || error === 'login_required' || error === 'consent_required' ? 'citizen.oidc.denied' : 'citizen.oidc.providerError');
    const config = await this.config();
    const current = new URL(this.redirectUri);
    current.search = query.toString();
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcFailure('citizen.oidc.failed');
      const info = config.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
      return normaliseClaims({ ...idClaims, ...info });
    } catch (err) {
      if (err instanceof OidcFailure) throw err;
      this.log.warn({ err: { name: (err as Error).name, code: (err as { code?: unknown }).code, error: (err as { error?: unknown }).error } }, 'OIDC callback refused');
      throw new OidcFailure('citizen.oidc.failed');
    }
  }
}
