// Runs a load whenever its dependencies change, aborting the previous one, and reports
// idle → loading → success | error. Nothing is reported after an abort or unmount.
import { useEffect, useState, type DependencyList } from 'react';
import { isAbort, domainErrorOf, type Remote } from './remote.js';

export function useRemote<T>(load: ((signal: AbortSignal) => Promise<T>) | undefined, deps: DependencyList): Remote<T> {
  const [remote, setRemote] = useState<Remote<T>>(load === undefined ? { status: 'idle' } : { status: 'loading' });
  useEffect(() => {
    if (load === undefined) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
      setRemote({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setRemote({ status: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setRemote({ status: 'success', data });
      },
      (error: unknown) => {
        if (!isAbort(error, controller.signal)) setRemote({ status: 'error', error: domainErrorOf(error) });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- The caller's deps decide when to reload; `load` is a fresh closure on every render.
  }, deps);
  return remote;
}
