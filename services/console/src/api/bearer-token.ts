/**
 * The token every API call carries. The session sets it; the client reads it per request, so a sign-out or a
 * switch of person applies to the next call without rebuilding the client.
 */
let currentToken: string | null = null;

export function setBearerToken(token: string | null): void {
  currentToken = token;
}

export function bearerToken(): string | null {
  return currentToken;
}
