import { type ComponentType, lazy, Suspense } from 'react';

/**
 * A page loaded when first visited: the schema forms (rjsf, ajv) and the map layout (dagre) stay out of the bundle
 * the inbox, the home page of people who act, needs first.
 */
export function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  const Page = lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
  return function LazyPage() {
    return (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Page />
      </Suspense>
    );
  };
}
