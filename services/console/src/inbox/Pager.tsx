import { useEffect, useState } from 'react';
import controls from '../ui/controls.module.css';
import styles from './Pager.module.css';

export interface PageTokens {
  /** The token of the page shown; undefined on the first. */
  token: string | undefined;
  number: number;
  next(token: string): void;
  previous(): void;
}

/**
 * The API pages by opaque tokens, forward only: the tokens of the pages seen are kept to go back. A change of
 * `filterKey` starts again at the first page, since a token holds the filters it was issued for.
 */
export function usePageTokens(filterKey: string): PageTokens {
  const [tokens, setTokens] = useState<string[]>([]);
  useEffect(() => setTokens([]), [filterKey]);
  return {
    token: tokens.at(-1),
    number: tokens.length + 1,
    next: (token) => setTokens((seen) => [...seen, token]),
    previous: () => setTokens((seen) => seen.slice(0, -1)),
  };
}

export function Pager({ pages, nextPageToken }: { pages: PageTokens; nextPageToken: string | null }) {
  if (pages.number === 1 && !nextPageToken) return null;
  return (
    <nav aria-label="Pages" className={styles.pager}>
      <button type="button" className={controls.button} disabled={pages.number === 1} onClick={pages.previous}>
        Previous page
      </button>
      <span>Page {pages.number}</span>
      <button
        type="button"
        className={controls.button}
        disabled={!nextPageToken}
        onClick={() => nextPageToken && pages.next(nextPageToken)}
      >
        Next page
      </button>
    </nav>
  );
}
