// The bodies of the modals that are not help: the editing sessions (editor, delete guard, operations
// view), which read their own keys, and the clone target picker, which the shell's keymap drives.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useRef, type Dispatch } from 'react';
import type { CallOptions, DetailLoader, OperationOptions, RegionService, Spex } from '../aws/types.js';
import { InstancePicker } from '../components/instance-picker.js';
import { RegionPicker } from '../components/region-picker.js';
import type { RegionCounts } from '../hooks/use-region-counts.js';
import { cloneTargetRows } from '../state/session-reducer.js';
import { EmptyMessage } from '../components/message.js';
import { DeleteSession } from './sessions/delete-session.js';
import { OperationsScreen } from './sessions/operations-screen.js';
import { ApplySession } from './sessions/apply-session.js';
import { AssignSession } from './sessions/assign-session.js';
import { PathPrompt } from './sessions/path-prompt.js';
import { exportPath } from '../hooks/use-export.js';
import { regionName } from '../domain/service/regions.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import type { DraftStore } from '../drafts/draft-store.js';
import type { OperationLog } from '../state/operation-log.js';
import { useRemote } from '../hooks/use-remote.js';
import { useInstances } from '../hooks/use-instances.js';
import type { Users } from '../hooks/use-user-index.js';
import type { Modal } from '../state/app-state.js';
import type { Action } from '../state/app-actions.js';
import { EditorModal } from './editor-modal.js';
import { SessionWait } from './session-frame.js';

export interface ModalBodyProps {
  readonly modal: Exclude<Modal, { kind: 'none' } | { kind: 'help' }>;
  readonly spex: Spex;
  readonly service: RegionService;
  readonly instance: ConnectInstance;
  readonly loader: DetailLoader | undefined;
  readonly log: OperationLog;
  readonly draftStore: DraftStore | undefined;
  /** The profile's name as the table knows it. */
  readonly nameOf: (arn: string) => string | undefined;
  /** Who holds what in the instance (the review says whom a change reaches). */
  readonly users?: Users;
  /** Read-only: the operations view offers no cancel. */
  readonly readOnly: boolean;
  /** Instances per region, for the clone target's region list. */
  readonly counts?: RegionCounts;
  readonly permLayout?: 'list' | 'grid';
  /** Every profile listed (for `A`'s plan) and where `X` writes (where `A` looks first). */
  readonly listedArns?: readonly string[];
  readonly exportDir?: string;
  /** Where holders' batches are journalled (none: in memory only). */
  readonly batchDir?: string;
  readonly width: number;
  readonly height: number;
  readonly isActive: boolean;
  readonly dispatch: Dispatch<Action>;
}

export function ModalBody(props: ModalBodyProps) {
  const { modal, service, loader, dispatch, isActive, height } = props;
  const close = useCallback(() => dispatch({ type: 'session/close' }), [dispatch]);
  const onDirtyChange = useCallback((isDirty: boolean) => dispatch({ type: 'session/dirty', isDirty }), [dispatch]);
  const onSaved = useCallback(
    (arn: string | undefined, isNew: boolean, name?: string, where?: string) => {
      if (arn !== undefined && !isNew && loader !== undefined) {
        // The save's re-read is already in the loader; fetched again only when that re-read failed.
        if (loader.get(arn)?.status !== 'loaded') loader.load(arn).catch(() => undefined);
      }
      dispatch({ type: 'session/saved', arn, isNew, ...(name !== undefined ? { name } : {}), ...(where !== undefined ? { where } : {}) });
    },
    [loader, dispatch],
  );
  // The instance's profiles by name, for the holders session's lists.
  const { listedArns, nameOf } = props;
  const named = useMemo(() => (listedArns ?? []).map((arn) => ({ arn, name: nameOf(arn) })).sort((a, b) => (a.name ?? a.arn).localeCompare(b.name ?? b.arn)), [listedArns, nameOf]);
  const listRequests = useCallback((options: CallOptions) => service.listRequests({}, options), [service]);
  const cancelRequest = useCallback((token: string) => service.cancelRequest(token), [service]);
  const followRequest = useCallback((token: string) => service.trackRequest(token).done, [service]);
  const track = useCallback((token: string, options: OperationOptions) => service.trackRequest(token, options), [service]);

  switch (modal.kind) {
    case 'editor':
      return (
        <EditorModal
          target={modal.target}
          spex={props.spex}
          service={service}
          instance={props.instance}
          log={props.log}
          draftStore={props.draftStore}
          {...(props.permLayout ? { permLayout: props.permLayout } : {})}
          height={height}
          width={props.width}
          isActive={isActive}
          onDirtyChange={onDirtyChange}
          onSaved={onSaved}
          onClose={close}
          onQuit={({ isDirty }) => {
            // The editor's word on whether it is dirty, so a q right after a change still asks first.
            dispatch({ type: 'session/dirty', isDirty });
            dispatch({ type: 'app/quit' });
          }}
          nameOf={props.nameOf}
          {...(props.users ? { users: props.users } : {})}
          loader={loader}
        />
      );
    case 'delete':
      return <DeleteModal arn={modal.arn} {...props} track={track} onClose={close} />;
    case 'operations':
      return (
        <OperationsScreen
          log={props.log}
          instanceName={(arn) => (arn === props.instance.arn ? (props.instance.alias ?? props.instance.id) : arn.slice(arn.lastIndexOf('/') + 1))}
          listRequests={listRequests}
          {...(props.readOnly ? {} : { cancelRequest, followRequest })}
          isActive={isActive}
          height={height}
          width={props.width}
          onClose={close}
          onQuit={() => dispatch({ type: 'app/quit' })}
        />
      );
    case 'apply-file':
      return (
        <ApplySession
          service={service}
          log={props.log}
          loader={loader}
          instance={props.instance}
          arns={props.listedArns ?? []}
          isActive={isActive}
          width={props.width}
          height={height}
          {...(props.exportDir !== undefined ? { dir: props.exportDir } : {})}
          onClose={close}
          onApplied={(summary) => {
            dispatch({ type: 'session/close' });
            dispatch({ type: 'list/refresh' });
            dispatch({ type: 'notice/show', notice: { text: summary, tone: summary.includes('failed') ? 'error' : 'info' } });
          }}
        />
      );
    case 'export-file':
      return (
        <PathPrompt
          title={`Export ${modal.arns.length} profile${modal.arns.length === 1 ? '' : 's'} of ${props.instance.alias ?? props.instance.id} to a spex profiles file`}
          initial={exportPath(props.instance, props.exportDir ?? process.cwd())}
          placeholder="where to write it"
          note="Enter writes it (never over a file that is there); spex plan -f FILE shows what applying it would change. Tab completes the path."
          isActive={isActive}
          onCancel={close}
          onSubmit={(path) => dispatch({ type: 'export/write', path })}
        />
      );
    case 'assign':
      return (
        <AssignSession
          intent={modal.intent}
          service={service}
          loader={loader}
          instanceArn={props.instance.arn}
          users={props.users}
          profiles={named}
          batchDir={props.batchDir}
          log={props.log}
          readOnly={props.readOnly}
          isActive={isActive}
          width={props.width}
          height={height}
          onClose={(summary, changed) => dispatch({ type: 'session/assigned', summary, changed })}
        />
      );
    case 'clone-target':
      return <CloneTargetBody modal={modal} spex={props.spex} {...(props.counts ? { counts: props.counts } : {})} width={props.width} height={height} dispatch={dispatch} />;
  }
}

interface DeleteModalProps extends ModalBodyProps {
  readonly arn: string;
  readonly track: (token: string, options: OperationOptions) => ReturnType<RegionService['trackRequest']>;
  readonly onClose: () => void;
}

function DeleteModal({ arn, service, loader, log, nameOf, isActive, dispatch, track, onClose }: DeleteModalProps) {
  // The name to type must be the real one: read the profile (cached when the table already did).
  // Once: the delete itself makes the shell reload its list (and loader), and the profile is gone then.
  const loaderRef = useRef(loader);
  const remote = useRemote(
    (signal) => (loaderRef.current ? loaderRef.current.load(arn, { signal }) : service.getProfile(arn, { signal })),
    [service, arn],
  );
  const profile = remote.status === 'success' ? remote.data : undefined;
  const remove = useCallback((options: OperationOptions) => service.deleteProfile(arn, { ...options, ...(profile ? { current: profile } : {}) }), [service, arn, profile]);
  const holders = useCallback((options: CallOptions) => service.listHolders(arn, options), [service, arn]);
  const name = profile?.SecurityProfileName ?? nameOf(arn);
  const onDeleted = useCallback(() => dispatch({ type: 'session/deleted', arn, name: name ?? arn }), [dispatch, arn, name]);
  if (profile === undefined) {
    return <SessionWait remote={remote} loadingText="Reading the profile to delete…" errorTitle="Could not read the profile" isActive={isActive} onClose={onClose} />;
  }
  return (
    <DeleteSession
      name={profile.SecurityProfileName}
      arn={arn}
      permissionCount={profile.Permissions?.length ?? 0}
      log={log}
      remove={remove}
      holders={holders}
      track={track}
      isActive={isActive}
      onDeleted={onDeleted}
      onClose={onClose}
      onMoveThenDelete={() => dispatch({ type: 'session/assign', what: 'delete-move' })}
    />
  );
}

interface CloneTargetBodyProps {
  readonly modal: Extract<Modal, { kind: 'clone-target' }>;
  readonly spex: Spex;
  readonly counts?: RegionCounts;
  readonly width: number;
  readonly height: number;
  readonly dispatch: Dispatch<Action>;
}

/** Where a clone goes: the instances of a region, or the regions, each narrowed by typing. */
function CloneTargetBody({ modal, spex, counts, width, height, dispatch }: CloneTargetBodyProps) {
  const { region } = modal;
  const service = useMemo(() => spex.forRegion(region), [spex, region]);
  const instances = useInstances(service);
  useEffect(() => {
    if (instances.status === 'success') dispatch({ type: 'clone-target/loaded', region, items: instances.data });
  }, [instances, region, dispatch]);
  const rows = cloneTargetRows(modal);
  const filter = modal.filter === '' ? 'type to filter' : `matching “${sanitizeLine(modal.filter)}”`;
  let title: string;
  let body;
  if (modal.step === 'regions') {
    title = `Clone into an instance of which region? (${filter}; Enter shows its instances, Esc back)`;
    body = <RegionPicker regions={rows.regions} cursor={modal.cursor} top={modal.top} height={height - 3} filter={modal.filter} counts={counts ?? new Map()} currentRegion={modal.region} columns={width} />;
  } else {
    title = `Clone into an instance of ${modal.region} (${regionName(modal.region)}) — ${filter}; Tab: another region`;
    if (instances.status === 'error') body = <SessionWait remote={instances} loadingText="" errorTitle={`Could not list the instances in ${modal.region}`} isActive={false} onClose={() => undefined} />;
    else if (modal.items === undefined) body = <SessionWait remote={{ status: 'loading' }} loadingText={`Listing Connect instances in ${modal.region}…`} errorTitle="" isActive={false} onClose={() => undefined} />;
    else if (modal.items.length === 0) body = <EmptyMessage text={`No Connect instances in ${modal.region}: Tab picks another region.`} />;
    else if (rows.instances.length === 0) body = <EmptyMessage text={`No instance in ${modal.region} matches “${sanitizeLine(modal.filter)}”. Esc clears the filter.`} />;
    else body = <InstancePicker instances={rows.instances} cursor={modal.cursor} top={modal.top} height={height - 2} columns={width} />;
  }
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      {body}
    </Box>
  );
}
