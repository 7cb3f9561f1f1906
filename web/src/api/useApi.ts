import { useCallback, useEffect, useState } from 'preact/hooks';
import { apiGet, type Query } from './client.js';
import { takeEarly } from './early.js';

export interface Loaded<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` whenever it or its query changes; a newer request cancels the older one. */
export function useApi<T>(path: string | null, query: Query = {}): Loaded<T> {
  const key = path === null ? null : path + JSON.stringify(query);
  const [state, setState] = useState<{ data: T | null; error: Error | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return undefined;
    const abort = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    const early = takeEarly<T>(path, query);
    const request =
      early === null
        ? apiGet<T>(path, query, abort.signal)
        : early.catch(() => apiGet<T>(path, query, abort.signal));
    request.then(
      (data) => {
        if (!abort.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState({
          data: null,
          error: error instanceof Error ? error : new Error(String(error)),
          loading: false,
        });
      },
    );
    return () => {
      abort.abort();
    };
    // The key stands for path and query: a new object with the same content is no change.
  }, [key, round]);
  const reload = useCallback(() => {
    setRound((r) => r + 1);
  }, []);
  return { ...state, reload };
}
