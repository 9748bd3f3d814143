import { useCallback, useEffect, useRef, useState } from 'react';
import { asTabApiError, type TabApiError } from '../api/errors';

export type LoadState<T> =
  { status: 'loading'; data?: T } | { status: 'ok'; data: T; refreshing: boolean } | { status: 'error'; error: TabApiError; data?: T };

/**
 * Runs an async load on mount and on demand; keeps the last data while reloading, ignores
 * answers that arrive after a newer load started or after unmount.
 */
export function useLoad<T>(
  load: (refresh: boolean) => Promise<T>,
  deps: readonly unknown[],
): { state: LoadState<T>; reload: (refresh?: boolean) => void } {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback((refresh: boolean) => {
    const mine = ++generation.current;
    setState((previous) => (previous.status === 'ok' ? { ...previous, refreshing: true } : { status: 'loading', data: previous.data }));
    loadRef.current(refresh).then(
      (data) => {
        if (generation.current === mine) setState({ status: 'ok', data, refreshing: false });
      },
      (error: unknown) => {
        if (generation.current === mine) setState((previous) => ({ status: 'error', error: asTabApiError(error), data: previous.data }));
      },
    );
  }, []);

  useEffect(() => {
    run(false);
    return () => {
      generation.current += 1;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { state, reload: useCallback((refresh = false) => run(refresh), [run]) };
}
