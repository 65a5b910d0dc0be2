import { NavLink, Outlet } from 'react-router';
import { useActor, useSession } from '../auth/session';
import controls from '../ui/controls.module.css';
import styles from './Layout.module.css';

const pages = [
  { to: '/', label: 'Inbox', end: true },
  { to: '/start', label: 'Start' },
  { to: '/instances', label: 'Instances' },
  { to: '/processes', label: 'Processes' },
  { to: '/overview', label: 'Overview' },
];

export function Layout() {
  const actor = useActor();
  const { signOut } = useSession();
  return (
    <>
      <a className={styles.skipLink} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <span className={styles.brand}>Ordo Console</span>
        <nav aria-label="Main" className={styles.nav}>
          <ul>
            {pages.map((page) => (
              <li key={page.to}>
                <NavLink
                  to={page.to}
                  end={page.end ?? false}
                  className={({ isActive }) => (isActive ? `${styles.link} ${styles.active}` : styles.link)}
                >
                  {page.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.who}>
          <span>
            Signed in as <strong>{actor.id}</strong>
            <span className={styles.roles}> ({actor.roles.join(', ')})</span>
          </span>
          <button type="button" className={controls.button} onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
