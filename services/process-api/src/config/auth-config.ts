import { ConfigError, httpUrl, json, readEnv, text, type ConfigProblem, type Env, type EnvValues } from '@ordo/config';
import type { Actor } from '@ordo/workflows';
import { z } from 'zod';

/** Actor ids and roles end up inside visibility queries: keep them to characters that need no escaping. */
export const identifierPattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

/** How bearer JWTs are verified: against the issuer's published keys (JWKS), and mapped to an Actor. */
export interface JwtAuthConfig {
  /** Must equal the token's `iss` exactly. */
  issuer: string;
  jwksUrl: string;
  /** When set, the token's `aud` must contain one of these. */
  audience?: string[];
  /** Dotted path of the claim holding the roles, e.g. `roles` or `realm_access.roles`. */
  rolesClaim: string;
  /** Dotted path of the claim holding the actor id. */
  idClaim: string;
}

/**
 * How the Console signs people in with OpenID Connect (authorization code with PKCE, a public client): against the
 * issuer of {@link JwtAuthConfig}, so the access tokens it obtains are the ones this API verifies.
 */
export interface ConsoleOidcConfig {
  /** The Console's client id at the issuer (a public client: no secret, PKCE). */
  clientId: string;
  /** Space-separated scopes asked for; always holds `openid`. */
  scope: string;
  /**
   * Resource indicator (RFC 8707) sent with the authorization request, for issuers that mint access tokens per API
   * (their `aud`): typically one of ORDO_AUTH_JWT_AUDIENCE.
   */
  resource?: string;
}

export interface AuthConfig {
  /** Static bearer token → the actor it authenticates (ORDO_API_TOKENS plus, when switched on, the dev tokens). */
  tokens: ReadonlyMap<string, Actor>;
  /** Absent when no issuer is configured: then only static tokens authenticate. */
  jwt?: JwtAuthConfig;
  /** Whether the `dev-<role>` tokens are among `tokens` (ORDO_AUTH_DEV_TOKENS resolved on). */
  devTokensEnabled: boolean;
  /** The Console's OIDC sign-in; absent without ORDO_CONSOLE_OIDC_CLIENT_ID (then people paste a token). */
  consoleOidc?: ConsoleOidcConfig;
}

const devRoles = [
  'clerk',
  'manager',
  'cfo',
  'credit-controller',
  'collections',
  // The seed processes: document approval, employee onboarding, support tickets.
  'director',
  'legal',
  'hr',
  'it',
  'facilities',
  'support-l1',
  'support-l2',
  // Who books payments, supplier invoices and goods receipts (restocks), the channel integration that files tickets,
  // and those who only read.
  'accounts-receivable',
  'accounts-payable',
  'payment-provider',
  'warehouse',
  'support-intake',
  'process-analyst',
  'auditor',
  // The processes' owner teams: each reads its processes' analyses and overview.
  'finance-operations',
  'people-operations',
  'procurement',
  'customer-support',
  // Reads plaintext payloads through the codec endpoint (Temporal UI/CLI).
  'process-admin',
] as const;

/** The dev token of a role: `dev-<role>`. */
export function devTokenOf(role: string): string {
  return `dev-${role}`;
}

/** `dev-<role>` authenticates as the actor `<role>` holding only that role; serves the local stack. */
export function devTokens(): Map<string, Actor> {
  return new Map(devRoles.map((role) => [devTokenOf(role), { id: role, roles: [role] }]));
}

const identifier = z.string().regex(identifierPattern, 'must be 1-128 letters, digits or . _ @ -');
const tokenActorSchema = z.object({ id: identifier, roles: z.array(identifier).min(1) }).strict();
/** Problems are told by the entry's position: the keys are the secrets, and never appear in a message. */
const tokensSchema = z
  .record(z.string(), z.unknown())
  .refine((tokens) => Object.keys(tokens).length > 0, 'must define at least one token')
  .transform((tokens, context): Record<string, Actor> => {
    const entries = Object.entries(tokens);
    const actors: Record<string, Actor> = {};
    entries.forEach(([token, actor], index) => {
      const entry = `entry ${index + 1} of ${entries.length}`;
      if (token.length === 0) context.addIssue({ code: 'custom', message: `${entry}: a token must not be empty` });
      const parsed = tokenActorSchema.safeParse(actor);
      if (parsed.success) actors[token] = parsed.data;
      for (const issue of parsed.error?.issues ?? []) {
        const field = issue.path.length > 0 ? `${issue.path.map(String).join('.')} ` : '';
        context.addIssue({ code: 'custom', message: `${entry}: ${field}${issue.message}` });
      }
    });
    return actors;
  });

const claimPath = z
  .string()
  .regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a claim name or a dotted path such as realm_access.roles');

/** Default of ORDO_CONSOLE_OIDC_SCOPE: who the person is; the roles come in the access token's claims. */
export const defaultConsoleOidcScope = 'openid profile';

/** OAuth scopes, space-separated (RFC 6749 §3.3); the Console signs in with OpenID Connect, so `openid` is one. */
const scopeList = z
  .string()
  .trim()
  .transform((value) => value.split(/\s+/).join(' '))
  .refine((value) => value.split(' ').every((scope) => /^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)), {
    message: 'must be scopes separated by spaces, without quotes or backslashes',
  })
  .refine((value) => value.split(' ').includes('openid'), { message: 'must include openid' });

/** A resource indicator is an absolute URI without a fragment (RFC 8707 §2), e.g. https://ordo.example.com/api. */
const absoluteUri = z
  .string()
  .trim()
  .refine(
    (value) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && URL.canParse(value) && new URL(value).hash === '',
    'must be an absolute URI without a fragment, e.g. https://ordo.example.com/api',
  );

const authEnvShape = {
  // A secret: readEnv never echoes its value.
  ORDO_API_TOKENS: json(tokensSchema, '{"<token>": {"id": "...", "roles": ["..."]}}')
    .transform((tokens): Map<string, Actor> => new Map(Object.entries(tokens)))
    .optional(),
  ORDO_AUTH_DEV_TOKENS: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
  ORDO_AUTH_JWT_ISSUER: httpUrl().optional(),
  ORDO_AUTH_JWT_JWKS_URL: httpUrl().optional(),
  ORDO_AUTH_JWT_AUDIENCE: z.string().optional(),
  ORDO_AUTH_ROLES_CLAIM: claimPath.default('roles'),
  ORDO_AUTH_ID_CLAIM: claimPath.default('sub'),
  ORDO_CONSOLE_OIDC_CLIENT_ID: text().optional(),
  ORDO_CONSOLE_OIDC_SCOPE: scopeList.optional(),
  ORDO_CONSOLE_OIDC_RESOURCE: absoluteUri.optional(),
};

type AuthEnv = EnvValues<typeof authEnvShape>;

/** The issuer's JWKS by the common convention; providers that publish elsewhere set ORDO_AUTH_JWT_JWKS_URL. */
export function defaultJwksUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
}

/** The JWT settings, or undefined without an issuer; what is wrong with them goes to `problems`. */
function parseJwt(vars: AuthEnv, problems: ConfigProblem[]): JwtAuthConfig | undefined {
  const issuer = vars.ORDO_AUTH_JWT_ISSUER;
  if (issuer === undefined) {
    for (const dependent of ['ORDO_AUTH_JWT_JWKS_URL', 'ORDO_AUTH_JWT_AUDIENCE'] as const) {
      if (vars[dependent] !== undefined)
        problems.push({ variable: dependent, problem: 'needs ORDO_AUTH_JWT_ISSUER to be set as well' });
    }
    return undefined;
  }
  const audience = vars.ORDO_AUTH_JWT_AUDIENCE?.split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (audience !== undefined && audience.length === 0)
    problems.push({ variable: 'ORDO_AUTH_JWT_AUDIENCE', problem: 'lists no audience' });
  return {
    issuer,
    jwksUrl: vars.ORDO_AUTH_JWT_JWKS_URL ?? defaultJwksUrl(issuer),
    ...(audience !== undefined && { audience }),
    rolesClaim: vars.ORDO_AUTH_ROLES_CLAIM,
    idClaim: vars.ORDO_AUTH_ID_CLAIM,
  };
}

const consoleOidcVariables = [
  'ORDO_CONSOLE_OIDC_CLIENT_ID',
  'ORDO_CONSOLE_OIDC_SCOPE',
  'ORDO_CONSOLE_OIDC_RESOURCE',
] as const;

/** The Console's OIDC client, or undefined without a client id; it signs in at the JWT issuer, so it needs one. */
function parseConsoleOidc(vars: AuthEnv, jwt: JwtAuthConfig | undefined, problems: ConfigProblem[]) {
  const clientId = vars.ORDO_CONSOLE_OIDC_CLIENT_ID;
  if (jwt === undefined || clientId === undefined) {
    for (const variable of consoleOidcVariables) {
      if (vars[variable] === undefined) continue;
      if (jwt === undefined) problems.push({ variable, problem: 'needs ORDO_AUTH_JWT_ISSUER to be set as well' });
      else if (variable !== 'ORDO_CONSOLE_OIDC_CLIENT_ID')
        problems.push({ variable, problem: 'needs ORDO_CONSOLE_OIDC_CLIENT_ID to be set as well' });
    }
    return undefined;
  }
  const resource = vars.ORDO_CONSOLE_OIDC_RESOURCE;
  return {
    clientId,
    scope: vars.ORDO_CONSOLE_OIDC_SCOPE ?? defaultConsoleOidcScope,
    ...(resource !== undefined && { resource }),
  } satisfies ConsoleOidcConfig;
}

/**
 * Reads the authentication settings. Static tokens (ORDO_API_TOKENS) always authenticate; the dev
 * tokens do when ORDO_AUTH_DEV_TOKENS=on, which is the default only while neither a JWT issuer nor
 * ORDO_API_TOKENS is configured (the embedded local stack). The Console's OIDC client (ORDO_CONSOLE_OIDC_*) signs in
 * at the JWT issuer. A blank variable counts as unset; every problem is named in one ConfigError.
 */
export function loadAuthConfig(env: Env): AuthConfig {
  const vars = readEnv(authEnvShape, env);
  const problems: ConfigProblem[] = [];
  const jwt = parseJwt(vars, problems);
  const consoleOidc = parseConsoleOidc(vars, jwt, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const staticTokens = vars.ORDO_API_TOKENS ?? new Map<string, Actor>();
  const devTokensOn =
    (vars.ORDO_AUTH_DEV_TOKENS ?? (jwt === undefined && staticTokens.size === 0 ? 'on' : 'off')) === 'on';
  const tokens = new Map([...(devTokensOn ? devTokens() : []), ...staticTokens]);
  if (tokens.size === 0 && jwt === undefined) {
    throw new ConfigError(
      'ORDO_AUTH_DEV_TOKENS',
      'is off, but neither ORDO_AUTH_JWT_ISSUER nor ORDO_API_TOKENS is set: no caller could authenticate',
    );
  }
  return { tokens, ...(jwt && { jwt }), devTokensEnabled: devTokensOn, ...(consoleOidc && { consoleOidc }) };
}
