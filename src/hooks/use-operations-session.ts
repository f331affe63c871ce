// The state and I/O of the operations view (see app/sessions/operations-screen.tsx for the view): this
// run's log (live), the recent requests Cloud Control reports (loaded on open and on refresh), and a
// cancel followed to the request's end, since a change already handed to Connect may still apply.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { CallOptions } from '../aws/types.js';
import type { RecentRequests } from '../state/operation-state.js';
import { isSpexError } from '../domain/service/errors.js';
import type { OperationOutcome, RequestStatus } from '../domain/service/operations.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { OperationLog } from '../state/operation-log.js';

export interface OperationsScreenProps {
  /** An instance's name (its alias where known) for the INSTANCE column. */
  readonly instanceName?: (instanceArn: string) => string;
  readonly log: OperationLog;
  /** `(options) => service.listRequests({}, options)`. */
  readonly listRequests: (options: CallOptions) => Promise<RequestStatus[]>;
  /** `(token) => service.cancelRequest(token)`; absent in read-only mode, where nothing is offered. */
  readonly cancelRequest?: (requestToken: string) => Promise<RequestStatus>;
  /** `(token) => service.trackRequest(token).done`: a cancelled request is followed to its end. */
  readonly followRequest?: (requestToken: string) => Promise<OperationOutcome>;
  readonly isActive: boolean;
  /** Rows and columns the view may use (from the shell's layout: views never measure the terminal). */
  readonly height: number;
  readonly width: number;
  readonly now?: () => number;
  readonly onClose: () => void;
  /** `q`: quit spex. */
  readonly onQuit?: () => void;
}

function messageOf(error: unknown): string {
  return sanitizeLine(isSpexError(error) ? error.error.message : (error as Error).message);
}

export function useOperationsSession({ log, listRequests, cancelRequest, followRequest, now = Date.now }: OperationsScreenProps) {
  const session = useSyncExternalStore(log.subscribe, log.list);
  const [recent, setRecent] = useState<RecentRequests>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<{ tone: 'normal' | 'error'; text: string } | undefined>(undefined);
  const [nowMs, setNowMs] = useState(now);

  useEffect(() => {
    const controller = new AbortController();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new source starts over: the state says it is loading (and drops the old source's answer) before the request goes out
    setRecent((r) => (r.status === 'loaded' ? r : { status: 'loading' }));
    listRequests({ signal: controller.signal }).then(
      (requests) => !controller.signal.aborted && setRecent({ status: 'loaded', requests }),
      (error: unknown) => !controller.signal.aborted && setRecent({ status: 'error', message: messageOf(error) }),
    );
    setNowMs(now());
    return () => controller.abort();
  }, [listRequests, generation, now]);

  // Ages move on while the view is open.
  useEffect(() => {
    const timer = setInterval(() => setNowMs(now()), 10_000);
    return () => clearInterval(timer);
  }, [now]);

  const onCancelRequest = useCallback(
    (token: string) => {
      if (cancelRequest === undefined) return;
      // The token and the status come from the server: shown, they are untrusted text like any other.
      const shown = sanitizeLine(token);
      setNotice({ tone: 'normal', text: `Asking Cloud Control to cancel request ${shown}…` });
      cancelRequest(token).then(
        (status) => {
          const said = status.note ?? status.statusMessage;
          setNotice({ tone: 'normal', text: `Request ${shown}: ${sanitizeLine(status.status)}${said ? ` — ${sanitizeLine(said)}` : ''}` });
          setGeneration((g) => g + 1);
          if (status.status !== 'CANCEL_IN_PROGRESS' || followRequest === undefined) return;
          // A change already handed to Connect may still apply: followed to the end, then re-read.
          followRequest(token).then(
            (outcome) => {
              const end = sanitizeLine(outcome.status?.status ?? 'ended');
              const text = outcome.ok ? `Request ${shown} ended ${end}: it was not cancelled in time, and the change was made.` : sanitizeLine(outcome.error.message);
              setNotice({ tone: outcome.ok ? 'error' : 'normal', text });
              setGeneration((g) => g + 1);
            },
            () => undefined,
          );
        },
        (error: unknown) => setNotice({ tone: 'error', text: `Could not cancel request ${shown}: ${messageOf(error)}` }),
      );
    },
    [cancelRequest, followRequest],
  );

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { session, recent, notice, nowMs, onCancelRequest, refresh };
}
