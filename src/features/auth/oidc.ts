import * as client from 'openid-client';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Config } from '../../config.js';

type OidcSettings = NonNullable<Config['oidc']>;

/** OpenID Connect sign-in (councils use Entra ID): authorisation code flow with PKCE, state and nonce. */
export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;

  constructor(private readonly settings: OidcSettings) {}

  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err) => {
        this.configuration = undefined;
        throw err;
      });
    return this.configuration;
  }

  async start(): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchange the code and return the verified identity claims. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<{ subject: string; email?: string }> {
    const config = await this.discover();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('The identity provider returned no ID token');
    const pick = (c: Record<string, unknown>) =>
      typeof c.email === 'string'
        ? c.email
        : typeof c.preferred_username === 'string'
          ? c.preferred_username
          : undefined;
    let email = pick(claims);
    // Many providers keep the email in the UserInfo response rather than the ID token.
    if (!email) email = pick(await client.fetchUserInfo(config, tokens.access_token, claims.sub));
    return { subject: claims.sub, email };
  }
}

/**
 * Only people an administrator has added can sign in: match on the stored subject, or on email the
 * first time (then remember the subject, so a later email change at the IdP does not lock them out).
 * One person can have accounts in several organisations, so every matching account is returned.
 */
export async function findUsersForIdentity(
  db: Kysely<Database>,
  identity: { subject: string; email?: string },
): Promise<string[]> {
  const bySubject = await db
    .selectFrom('users')
    .select('id')
    .where('oidcSubject', '=', identity.subject)
    .where('active', '=', true)
    .execute();
  const ids = new Set(bySubject.map((u) => u.id));
  if (identity.email) {
    const byEmail = await db
      .selectFrom('users')
      .select(['id', 'oidcSubject'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', identity.email!.toLowerCase()))
      .where('active', '=', true)
      .where('oidcSubject', 'is', null)
      .execute();
    if (byEmail.length) {
      await db
        .updateTable('users')
        .set({ oidcSubject: identity.subject })
        .where(
          'id',
          'in',
          byEmail.map((u) => u.id),
        )
        .execute();
      for (const u of byEmail) ids.add(u.id);
    }
  }
  return [...ids];
}
