import { useCallback, useEffect, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change; keeps the last data while reloading. */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // The caller lists what `load` depends on, as with useEffect.
  const run = useCallback(load, deps);
  useEffect(() => {
    let alive = true;
    setLoading(true);
    run().then(
      (value) => { if (alive) { setData(value); setError(undefined); setLoading(false); } },
      (cause: unknown) => { if (alive) { setError(cause); setLoading(false); } },
    );
    return () => { alive = false; };
  }, [run, tick]);
  return { data, error, loading, reload: () => setTick((n) => n + 1) };
}
