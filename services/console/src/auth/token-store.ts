/**
 * Where the signed-in token is kept between page loads: sessionStorage, so it lives as long as the tab and never
 * reaches localStorage (readable by every later visit) or another tab. An OIDC sign-in's access token is kept here too
 * (oidc-client-ts holds its tokens only in memory, see oidc.ts).
 */
const key = 'ordo.console.token';

export function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    // Storage disabled (privacy settings): the sign-in lasts as long as the page.
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(key, token);
    else window.sessionStorage.removeItem(key);
  } catch {
    // See storedToken.
  }
}
