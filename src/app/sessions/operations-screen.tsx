// The operations view with its data: this run's log and the recent requests Cloud Control reports,
// and `c` cancelling a running one. A thin view: the state and the I/O are in
// hooks/use-operations-session.ts; the I/O comes in as functions, so the shell passes the current
// region's service methods.
import { OperationsView } from '../../components/operation/operations-view.js';
import { type OperationsScreenProps, useOperationsSession } from '../../hooks/use-operations-session.js';

export type { OperationsScreenProps } from '../../hooks/use-operations-session.js';

export function OperationsScreen(props: OperationsScreenProps) {
  const { cancelRequest, isActive, height, width, onClose, onQuit } = props;
  const { session, recent, notice, nowMs, onCancelRequest, refresh } = useOperationsSession(props);
  return (
    <OperationsView
      session={session}
      recent={recent}
      nowMs={nowMs}
      {...(props.instanceName ? { instanceName: props.instanceName } : {})}
      {...(notice ? { notice } : {})}
      isActive={isActive}
      height={height}
      width={width}
      {...(cancelRequest === undefined ? {} : { onCancelRequest })}
      onRefresh={refresh}
      onClose={onClose}
      {...(onQuit ? { onQuit } : {})}
    />
  );
}
