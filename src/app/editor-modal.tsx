// The editor opened from the shell: edit (`e`), new (`n`) or clone (`c`/`C`). Reads what the session
// needs (the profile exactly as the server has it, the instance's hierarchy groups and profile names)
// and wires the session's save to the right region's service.
import { useCallback, useMemo } from 'react';
import type { DetailLoader, OperationOptions, RegionService, Spex } from '../aws/types.js';
import { useChangeReach } from '../hooks/use-change-reach.js';
import type { Users } from '../hooks/use-user-index.js';
import type { OperationOutcome } from '../domain/service/operations.js';
import { EditSession } from './sessions/edit-session.js';
import { toggleWithImplications } from '../domain/permissions/permission-rules.js';
import { toDraft, versionAsDraft, type SecurityProfile, type SecurityProfileDraft } from '../domain/profile/security-profile.js';
import type { DraftStore } from '../drafts/draft-store.js';
import type { OperationLog } from '../state/operation-log.js';
import { useInstanceNames } from '../hooks/use-instance-names.js';
import { useAiAgents } from '../hooks/use-ai-agents.js';
import { useRemote } from '../hooks/use-remote.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import type { EditTarget } from '../state/app-state.js';
import { SessionWait } from './session-frame.js';

export interface EditorModalProps {
  readonly target: EditTarget;
  readonly spex: Spex;
  /** The current region's service (where the profile being edited or cloned lives). */
  readonly service: RegionService;
  readonly instance: ConnectInstance;
  readonly log: OperationLog;
  readonly draftStore: DraftStore | undefined;
  readonly permLayout?: 'list' | 'grid';
  readonly height: number;
  readonly width: number;
  readonly isActive: boolean;
  readonly onDirtyChange: (isDirty: boolean) => void;
  /** Told the saved profile's ARN, and whether it is a new profile of the current instance. */
  readonly onSaved: (arn: string | undefined, isNew: boolean, name?: string, where?: string) => void;
  readonly onClose: () => void;
  /** `q` in the editor: quit spex, asking first when the edit is unsaved. */
  readonly onQuit?: (info: { isDirty: boolean }) => void;
  /** Names the table already knows, by ARN (for the uniqueness check when the list gave ARNs only). */
  readonly nameOf?: (arn: string) => string | undefined;
  /** Who holds what in the instance, and the loaded details: for the review's "who it reaches". */
  readonly users?: Users;
  readonly loader?: DetailLoader | undefined;
}

/** Ids of the source instance that mean nothing in another one: the user chooses them again. */
const INSTANCE_BOUND_FIELDS = ['AllowedAccessControlHierarchyGroupId', 'AllowedFlowModules', 'AllowedAIAgents'] as const;

function savedArn(outcome: Extract<OperationOutcome, { ok: true }>): string | undefined {
  return outcome.model?.SecurityProfileArn ?? outcome.identifier ?? outcome.status.identifier;
}

export function EditorModal(props: EditorModalProps) {
  const { target, spex, service, instance, isActive, onClose } = props;
  const sourceArn = target.mode === 'edit' ? target.arn : target.mode === 'clone' ? target.sourceArn : undefined;
  // A fresh read, not the table's cached copy: the patch guards compare against exactly this model.
  const source = useRemote<SecurityProfile | undefined>(
    sourceArn === undefined ? (async () => undefined) : (signal) => service.getProfile(sourceArn, { signal }),
    [service, sourceArn],
  );
  const targetService = useMemo(() => (target.mode === 'clone' ? spex.forRegion(target.target.region) : service), [spex, service, target]);
  const targetInstance = target.mode === 'clone' ? target.target.instance : instance;
  const groups = useRemote((signal) => targetService.listHierarchyGroups(targetInstance.arn, { signal }), [targetService, targetInstance.arn]);
  const aiAgents = useAiAgents(targetService, targetInstance.arn, 0);
  const reach = useChangeReach(props.users, props.loader, target.mode === 'edit' ? target.arn : undefined, aiAgents);
  const names = useInstanceNames(target.mode === 'edit' ? undefined : targetService, targetInstance.arn, targetInstance.arn === instance.arn ? props.nameOf : undefined);

  const save = useCallback(
    (draft: SecurityProfileDraft, base: SecurityProfile | undefined, options: OperationOptions) =>
      target.mode === 'edit' ? service.updateProfile(target.arn, base!, draft, options) : targetService.createProfile(draft, options),
    [target, service, targetService],
  );
  const track = useCallback((token: string, options: OperationOptions) => targetService.trackRequest(token, options), [targetService]);
  const loadCurrent = useMemo(() => (target.mode === 'edit' ? () => service.getProfile(target.arn) : undefined), [target, service]);
  const onSaved = useCallback(
    (outcome: Extract<OperationOutcome, { ok: true }>) => {
      if (target.mode === 'edit') props.onSaved(target.arn, false);
      else props.onSaved(savedArn(outcome), targetInstance.arn === instance.arn, outcome.model?.SecurityProfileName, targetInstance.alias ?? targetInstance.id);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the callback reads the target of this render; props.onSaved is the one that matters
    [target, targetInstance.arn, instance.arn, props.onSaved],
  );

  const profile = source.status === 'success' ? source.data : undefined;
  const initialDraft = useMemo((): SecurityProfileDraft | undefined => {
    if (target.mode === 'create') return { InstanceArn: instance.arn, SecurityProfileName: '' };
    if (profile === undefined) return undefined;
    if (target.mode === 'edit') {
      // The history's R: the version kept, under the profile's own name and instance, reviewed as any edit.
      const draft = target.revertTo === undefined ? toDraft(profile) : versionAsDraft(target.revertTo, profile);
      if (target.seed === undefined) return draft;
      // Compare's </>: the one permission copied from the other profile, with what it implies.
      let granted: ReadonlySet<string> = new Set(draft.Permissions ?? []);
      for (const name of target.seed.add) if (!granted.has(name)) granted = toggleWithImplications(granted, name).granted;
      for (const name of target.seed.remove) if (granted.has(name)) granted = toggleWithImplications(granted, name).granted;
      return { ...draft, Permissions: [...granted] };
    }
    return { ...toDraft(profile), InstanceArn: targetInstance.arn, SecurityProfileName: cloneName(profile.SecurityProfileName) };
  }, [target, instance.arn, targetInstance.arn, profile]);

  if (initialDraft === undefined || (target.mode !== 'create' && profile === undefined)) {
    return (
      <SessionWait
        remote={source}
        loadingText={target.mode === 'edit' ? 'Reading the profile to edit…' : 'Reading the profile to clone…'}
        errorTitle="Could not read the profile"
        isActive={isActive}
        onClose={onClose}
      />
    );
  }
  const isElsewhere = target.mode === 'clone' && profile !== undefined && profile.InstanceArn !== targetInstance.arn;
  return (
    <EditSession
      mode={target.mode}
      original={target.mode === 'create' ? undefined : profile}
      initialDraft={initialDraft}
      {...(groups.status === 'success' ? { hierarchyGroups: groups.data } : {})}
      {...(aiAgents !== undefined ? { aiAgents } : {})}
      {...(isElsewhere ? { flaggedFields: INSTANCE_BOUND_FIELDS } : {})}
      {...(names !== undefined ? { existingNames: names } : {})}
      {...(reach !== undefined ? { reach } : {})}
      connectSaves={(target.mode === 'edit' ? service : targetService).canSaveThroughConnect()}
      {...(props.draftStore !== undefined ? { draftStore: props.draftStore } : {})}
      {...(props.permLayout ? { layout: props.permLayout } : {})}
      {...(target.mode === 'edit' && target.focus ? { focus: target.focus } : {})}
      log={props.log}
      save={save}
      track={track}
      {...(loadCurrent !== undefined ? { loadCurrent } : {})}
      isActive={isActive}
      height={props.height}
      width={props.width}
      onDirtyChange={props.onDirtyChange}
      onSaved={onSaved}
      onClose={onClose}
      {...(props.onQuit ? { onQuit: props.onQuit } : {})}
    />
  );
}

/** A name for the copy that passes the name rule (letters, digits, space, `_@-`; 127 at most). */
function cloneName(name: string): string {
  return `${name.slice(0, 120)} copy`;
}
