// Loading what a page shows from the API: one hook, aborted when the page goes away or asks again.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, problemFrom, type Problem } from './api';

export interface Loaded<T> {
  data: T | null;
  problem: Problem | null;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    api<T>(path, { signal: controller.signal })
      .then((value) => {
        setData(value);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setProblem(problemFrom(error));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [path, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, problem, loading, reload };
}

// Client names by id, for the lists that carry only ids (a client user gets its own client only).
export function useClientNames(): Map<string, string> {
  const clients = useApi<{ data: { id: string; name: string }[] }>('/v1/clients?limit=500');
  const names = new Map<string, string>();
  for (const client of clients.data?.data ?? []) names.set(client.id, client.name);
  return names;
}
