import { z } from 'zod';

const actorSchema = z.object({ id: z.string(), roles: z.array(z.string()) });

/** The caller as the API authenticated it. */
export const currentActorSchema = actorSchema;
export type CurrentActorView = z.infer<typeof currentActorSchema>;

/**
 * How a person may sign in to the Console here. `devTokens` is filled only while the dev tokens are on (a loopback
 * API, see README "Dev tokens"); tokens from ORDO_API_TOKENS are secrets and never listed. `oidc` is set when a JWT
 * issuer is configured: the Console's OIDC sign-in (authorization code with PKCE) is still to come, until then a
 * person pastes a token.
 */
export const signInOptionsSchema = z.object({
  devTokens: z.array(actorSchema.extend({ token: z.string() })),
  oidc: z.object({ issuer: z.string() }).nullable(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;
