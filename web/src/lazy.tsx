// Pages loaded when first opened (a separate script each), so the first load stays small: the component is
// imported on its first render and shown once it has arrived.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading, ProblemNote } from './components/Status';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>, what: string): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyPage(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState<string | null>(null);
    useEffect(() => {
      if (loaded) return;
      let gone = false;
      loading ??= load().then((value) => (loaded = value));
      loading.then(
        (value) => !gone && setComponent(() => value),
        (error: unknown) => {
          loading = null;
          if (!gone) setFailed(String(error));
        },
      );
      return () => {
        gone = true;
      };
    }, []);
    if (failed) return <ProblemNote problem={{ status: 0, code: 'load_failed', detail: `The ${what} page did not load: ${failed}`, errors: [] }} />;
    if (!component) return <Loading what={`the ${what} page`} />;
    const Page = component;
    return <Page {...props} />;
  };
}
