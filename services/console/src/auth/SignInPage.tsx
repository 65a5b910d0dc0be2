import { type FormEvent, useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { type SignInOptions, signInOptions } from '../api/ordo-api';
import controls from '../ui/controls.module.css';
import { ErrorAlert } from '../ui/ErrorAlert';
import { type OidcSignIn, startOidcSignIn } from './oidc';
import { useSession } from './session';
import styles from './SignInPage.module.css';

/**
 * Sign-in. Locally: pick one of the API's dev tokens. With an issuer and the Console's client id configured: OIDC
 * (authorization code with PKCE) at the issuer, back through the callback route. Anywhere: paste a bearer token
 * (ORDO_API_TOKENS, or a JWT from your identity provider). Every method ends in `signIn(token)`.
 */
export function SignInPage() {
  const { signIn } = useSession();
  const [options, setOptions] = useState<SignInOptions>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    signInOptions()
      .then(setOptions)
      .catch((failure: unknown) => setError(toApiError(failure)));
  }, []);

  async function signInWith(token: string) {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(token);
    } catch (failure) {
      setError(toApiError(failure));
      setBusy(false);
    }
  }

  async function startWith(oidc: OidcSignIn) {
    setBusy(true);
    setError(undefined);
    try {
      // Leaves the page for the issuer's; the sign-in ends on the callback route.
      await startOidcSignIn(oidc);
    } catch (failure) {
      setError(toApiError(failure));
      setBusy(false);
    }
  }

  return (
    <main className={styles.page}>
      <h1>Sign in to Ordo Console</h1>
      {error && <ErrorAlert error={error} title="Sign-in failed" />}
      {options && options.devTokens.length > 0 && (
        <DevTokenPicker tokens={options.devTokens} busy={busy} onPick={signInWith} />
      )}
      {options?.oidc && <OidcSignInButton oidc={options.oidc} busy={busy} onStart={startWith} />}
      <PastedTokenForm busy={busy} onSubmit={signInWith} />
    </main>
  );
}

/** The issuer by its host (`login.example.com`): what people recognise of the address. */
function issuerName(issuer: string): string {
  return URL.canParse(issuer) ? new URL(issuer).host : issuer;
}

function OidcSignInButton({
  oidc,
  busy,
  onStart,
}: {
  oidc: OidcSignIn;
  busy: boolean;
  onStart(oidc: OidcSignIn): void;
}) {
  return (
    <section className={`${controls.panel} ${styles.section}`} aria-labelledby="oidc-sign-in">
      <h2 id="oidc-sign-in">Your organisation’s sign-in</h2>
      <p className={controls.muted}>You sign in at {oidc.issuer} and come back here.</p>
      <button type="button" className={controls.primary} disabled={busy} onClick={() => onStart(oidc)}>
        Sign in with {issuerName(oidc.issuer)}
      </button>
    </section>
  );
}

function DevTokenPicker({
  tokens,
  busy,
  onPick,
}: {
  tokens: SignInOptions['devTokens'];
  busy: boolean;
  onPick(token: string): void;
}) {
  const [token, setToken] = useState(tokens[0]?.token ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPick(token);
  };
  return (
    <form className={`${controls.panel} ${styles.section}`} onSubmit={submit}>
      <h2>Local dev tokens</h2>
      <p className={controls.muted}>Each dev token is one person holding one role (README, “Dev tokens”).</p>
      <div className={controls.row}>
        <label className={controls.field}>
          <span className={controls.label}>Sign in as</span>
          <select className={controls.input} value={token} onChange={(event) => setToken(event.target.value)}>
            {tokens.map((option) => (
              <option key={option.token} value={option.token}>
                {option.id} ({option.roles.join(', ')})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={controls.primary} disabled={busy || !token}>
          Sign in
        </button>
      </div>
    </form>
  );
}

function PastedTokenForm({ busy, onSubmit }: { busy: boolean; onSubmit(token: string): void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSubmit(token.trim());
  };
  return (
    <form className={`${controls.panel} ${styles.section}`} onSubmit={submit}>
      <h2>Bearer token</h2>
      <div className={controls.row}>
        <label className={`${controls.field} ${styles.grow}`}>
          <span className={controls.label}>Token</span>
          <input
            className={controls.input}
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        <button type="submit" className={controls.button} disabled={busy || !token.trim()}>
          Sign in with token
        </button>
      </div>
    </form>
  );
}
