import { z } from 'zod';

const actorSchema = z.object({ id: z.string(), roles: z.array(z.string()) });

/** The caller as the API authenticated it. */
export const currentActorSchema = actorSchema;
export type CurrentActorView = z.infer<typeof currentActorSchema>;

/**
 * How a person may sign in to the Console here. `devTokens` is filled only while the dev tokens are on (a loopback
 * API, see README "Dev tokens"); tokens from ORDO_API_TOKENS are secrets and never listed. `oidc` is set when a JWT
 * issuer and the Console's client id (ORDO_CONSOLE_OIDC_CLIENT_ID) are configured: what the Console's OIDC sign-in
 * (authorization code with PKCE, a public client) needs to send a person to the issuer and back.
 */
export const signInOptionsSchema = z.object({
  devTokens: z.array(actorSchema.extend({ token: z.string() })),
  oidc: z
    .object({
      issuer: z.string(),
      clientId: z.string(),
      scope: z.string(),
      /** Resource indicator (RFC 8707) to ask the access token for, when the issuer needs one. */
      resource: z.string().optional(),
    })
    .nullable(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;
