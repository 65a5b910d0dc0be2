import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setBearerToken } from '../api/bearer-token';
import { type CurrentActor, currentActor } from '../api/ordo-api';
import { forgetOidcSignIn } from './oidc';
import { storedToken, storeToken } from './token-store';

export interface Session {
  actor: CurrentActor;
}

interface SessionState {
  /** Null while signed out. */
  session: Session | null;
  /** True while a token kept from before this page load is being checked. */
  restoring: boolean;
  /** Checks the token with the API (who it is) and keeps it; throws the API's refusal. */
  signIn(token: string): Promise<void>;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * The one place that knows the signed-in person. Every sign-in method (dev token, pasted token, OIDC) ends in
 * `signIn(token)`: the rest of the Console only sees an actor and a bearer token on its calls.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedToken() !== null);

  const signIn = useCallback(async (token: string) => {
    const actor = await currentActor(token);
    setBearerToken(token);
    storeToken(token);
    setSession({ actor });
  }, []);

  const signOut = useCallback(() => {
    setBearerToken(null);
    storeToken(null);
    forgetOidcSignIn();
    setSession(null);
  }, []);

  useEffect(() => {
    const token = storedToken();
    if (!token) return;
    // A kept token may have been revoked or the API restarted with other tokens: check it before using it.
    signIn(token)
      .catch(() => storeToken(null))
      .finally(() => setRestoring(false));
  }, [signIn]);

  const value = useMemo(() => ({ session, restoring, signIn, signOut }), [session, restoring, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The signed-in actor; only for pages shown after sign-in. */
export function useActor(): CurrentActor {
  const { session } = useSession();
  if (!session) throw new Error('useActor while signed out');
  return session.actor;
}
