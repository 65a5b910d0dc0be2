import { Route, Routes, useLocation } from 'react-router';
import { oidcCallbackPath } from '../auth/oidc';
import { OidcCallbackPage } from '../auth/OidcCallbackPage';
import { SignInPage } from '../auth/SignInPage';
import { useSession } from '../auth/session';
import { CatalogProvider } from '../catalog/catalog';
import { InboxPage } from '../inbox/InboxPage';
import { InstancesPage } from '../instances/InstancesPage';
import { OverviewPage } from '../overview/OverviewPage';
import { ProcessesPage } from '../processes/ProcessesPage';
import { StartPage } from '../start/StartPage';
import { Layout } from './Layout';
import { lazyPage } from './lazy-page';
import { NotFoundPage } from './NotFoundPage';

const StartProcessPage = lazyPage(() => import('../start/StartProcessPage'), 'StartProcessPage');
const InstancePage = lazyPage(() => import('../instances/InstancePage'), 'InstancePage');
const ProcessPage = lazyPage(() => import('../processes/ProcessPage'), 'ProcessPage');

/**
 * Signed out: the sign-in page, whatever the address, except the issuer's way back from an OIDC sign-in; signed in:
 * the pages, the catalog read once.
 */
export function App() {
  const { session, restoring } = useSession();
  const { pathname } = useLocation();
  if (pathname === oidcCallbackPath) return <OidcCallbackPage />;
  if (restoring) return <p role="status">Checking your sign-in…</p>;
  if (!session) return <SignInPage />;
  return (
    <CatalogProvider>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<InboxPage />} />
          <Route path="start" element={<StartPage />} />
          <Route path="start/:process" element={<StartProcessPage />} />
          <Route path="instances" element={<InstancesPage />} />
          <Route path="instances/:process/:businessKey" element={<InstancePage />} />
          <Route path="processes" element={<ProcessesPage />} />
          <Route path="processes/:process" element={<ProcessPage />} />
          <Route path="overview" element={<OverviewPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </CatalogProvider>
  );
}
