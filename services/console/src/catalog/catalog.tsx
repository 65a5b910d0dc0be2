import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { processCatalog } from '../api/ordo-api';
import type { ProcessDescription } from '../api/views';

interface CatalogState {
  processes: ProcessDescription[];
  error?: ApiError;
  loaded: boolean;
}

const CatalogContext = createContext<CatalogState>({ processes: [], loaded: false });

/** The process catalog, read once per sign-in: every page's process filter, start forms and event forms use it. */
export function CatalogProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CatalogState>({ processes: [], loaded: false });
  useEffect(() => {
    processCatalog()
      .then(({ items }) => setState({ processes: items, loaded: true }))
      .catch((error: unknown) => setState({ processes: [], loaded: true, error: toApiError(error) }));
  }, []);
  return <CatalogContext.Provider value={state}>{children}</CatalogContext.Provider>;
}

export function useCatalog(): CatalogState {
  return useContext(CatalogContext);
}

export function useProcess(name: string | undefined): ProcessDescription | undefined {
  return useCatalog().processes.find((process) => process.name === name);
}
