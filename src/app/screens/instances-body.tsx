// The instance picker with its loading, error and empty states.
import { InstancePicker } from '../../components/instance-picker.js';
import { ErrorMessage, EmptyMessage, LoadingMessage } from '../../components/message.js';
import type { ConnectInstance } from '../../domain/profile/security-profile.js';
import type { Remote } from '../../state/remote.js';
import type { PickerView } from '../../state/app-state.js';

export interface InstancesBodyProps {
  readonly region: string;
  readonly remote: Remote<readonly ConnectInstance[]>;
  readonly shown: readonly ConnectInstance[];
  readonly view: PickerView;
  readonly width: number;
  readonly height: number;
}

export function InstancesBody({ region, remote, shown, view, width, height }: InstancesBodyProps) {
  if (remote.status === 'error') return <ErrorMessage title={`Could not list the Connect instances in ${region}`} error={remote.error} retryKey="r" />;
  if (remote.status !== 'success') return <LoadingMessage text={`Listing Connect instances in ${region}…`} />;
  if (remote.data.length === 0) return <EmptyMessage text={`No Connect instances in ${region}. Esc picks another region.`} />;
  if (shown.length === 0) return <EmptyMessage text={`No instance matches "${view.filter}". Esc clears the filter.`} />;
  return <InstancePicker instances={shown} cursor={view.cursor} top={view.top} height={height - 1} columns={width} />;
}
