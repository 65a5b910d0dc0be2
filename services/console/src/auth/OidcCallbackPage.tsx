import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { type ApiError, toApiError } from '../api/api-error';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { completeOidcSignIn } from './oidc';
import { useSession } from './session';
import styles from './SignInPage.module.css';

/**
 * Where the issuer sends the browser back after an OIDC sign-in: the code is exchanged for an access token, which signs
 * in like any other token (the API's /v1/me says who it is), then the inbox. The address, holding the code, is
 * replaced so that neither history nor a reload uses it again.
 */
export function OidcCallbackPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    let current = true;
    completeOidcSignIn()
      .then(signIn)
      .then(() => {
        if (current) navigate('/', { replace: true });
      })
      .catch((failure: unknown) => {
        if (current) setError(toApiError(failure));
      });
    return () => {
      current = false;
    };
  }, [signIn, navigate]);

  if (!error) return <p role="status">Signing you in…</p>;
  return (
    <main className={styles.page}>
      <h1>Sign in to Ordo Console</h1>
      <ErrorAlert error={error} title="Sign-in failed" />
      <button type="button" className={controls.button} onClick={() => navigate('/', { replace: true })}>
        Back to sign-in
      </button>
    </main>
  );
}
