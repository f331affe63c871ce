// P on an instance's list: the marked profiles (by name) go to the fleet's promote session, once per
// request; outside a fleet, or before the names are known, the status line says what to do.
import { type Dispatch, useEffect } from 'react';
import type { Action } from '../state/app-actions.js';

export type OnPromote = (names: readonly string[], source: { region: string; instanceArn: string }) => void;

export function usePromoteRequest(
  request: { arns: readonly string[]; id: number } | undefined,
  region: string | undefined,
  instanceArn: string | undefined,
  nameOf: (arn: string) => string | undefined,
  onPromote: OnPromote | undefined,
  dispatch: Dispatch<Action>,
): void {
  useEffect(() => {
    if (request === undefined || region === undefined || instanceArn === undefined) return;
    if (onPromote === undefined) {
      dispatch({ type: 'notice/show', notice: { text: 'P promotes to the other instances of a fleet: start spex with --profile a,b, --all-profiles or --fleet NAME', tone: 'info' } });
      return;
    }
    const names = request.arns.map((arn) => nameOf(arn)).filter((n): n is string => n !== undefined);
    if (names.length < request.arns.length) {
      dispatch({ type: 'notice/show', notice: { text: 'Wait for the names to load, then press P again', tone: 'info' } });
      return;
    }
    onPromote(names, { region, instanceArn });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a request is acted on once, when it is new (its id); names loading later must not start it again
  }, [request?.id]);
}
