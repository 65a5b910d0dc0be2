/** A local identity provider for tests: a real JWKS endpoint publishing a freshly generated key, and tokens it signs. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** An identity provider reduced to what the API reads: the JWKS at `<issuer>/.well-known/jwks.json`. */
export class LocalIssuer {
  requests = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly signingKey: PrivateKey,
  ) {}

  static async start(): Promise<LocalIssuer> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(publicKey)), kid: 'ordo-test-1', alg: 'RS256', use: 'sig' }],
    });
    const server = createServer((request, response) => {
      // Requests arrive only after `listen`, when `issuer` exists.
      issuer.requests += 1;
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const issuer = new LocalIssuer(server, `http://127.0.0.1:${port}`, privateKey);
    return issuer;
  }

  /** A token as the issuer would sign it; `overrides` bend any part of it. */
  sign(
    claims: JWTPayload,
    overrides: { key?: PrivateKey; kid?: string; issuer?: string; audience?: string; expiresAt?: number } = {},
  ): Promise<string> {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? 'ordo-test-1' })
      .setIssuer(overrides.issuer ?? this.url)
      .setAudience(overrides.audience ?? 'ordo-api')
      .setIssuedAt()
      .setExpirationTime(overrides.expiresAt ?? '10m')
      .sign(overrides.key ?? this.signingKey);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
