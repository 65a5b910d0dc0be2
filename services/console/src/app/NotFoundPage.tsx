import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        Go to your <Link to="/">inbox</Link>.
      </p>
    </>
  );
}
