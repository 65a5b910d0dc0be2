import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';

export interface Polled<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Loads again now (after an action), without waiting for the next tick. */
  reload(): Promise<void>;
}

/**
 * Loads `load()` now, whenever `key` changes, and again every `intervalMs` while the tab is visible: other people
 * act on the same tasks and instances, and this is how their actions reach this page. An answer that arrives after a
 * newer request started is dropped, so a slow poll never overwrites what a filter change loaded.
 */
export function usePolling<T>(load: () => Promise<T>, key: string, intervalMs: number | null): Polled<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const value = await loadRef.current();
      if (request !== latest.current) return;
      setData(value);
      setError(undefined);
    } catch (failure) {
      if (request === latest.current) setError(toApiError(failure));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setLoading(true);
    void reload();
    if (intervalMs === null) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void reload();
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [key, intervalMs, reload]);

  return { data, error, loading, reload };
}
