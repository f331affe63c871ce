// One edit (or create, or clone) from start to end: offer a stored draft, edit, review, send, track,
// and on a refusal because the profile changed on the server, rebase and review again. I/O comes in as
// functions (save, loadCurrent) and a draft store, so the shell decides which service and region.
// A thin view: the state, the step machine and the I/O are in hooks/use-edit-session.ts.
import { Box, Text } from 'ink';
import { REFUSED_MARK } from '../../domain/cloud-control-safe.js';
import { sanitizeLine } from '../../domain/sanitize.js';
import { type EditSessionProps, useEditSession } from '../../hooks/use-edit-session.js';
import { OperationProgress } from '../../components/operation/operation-progress.js';
import { DraftOffer, LeavePrompt } from '../../components/editor/session-prompts.js';
import { useTone } from '../../components/theme.js';
import { ProfileEditor } from '../../components/editor/profile-editor.js';
import { ReviewScreen } from '../../components/editor/review-screen.js';

export type { EditSessionProps } from '../../hooks/use-edit-session.js';


export function EditSession(props: EditSessionProps) {
  const { mode, original, isActive, loadCurrent, onClose } = props;
  const tone = useTone();
  const {
    effective,
    dispatchStep,
    drafts,
    draft,
    setDraft,
    base,
    editorKey,
    editorSeed,
    restoredNote,
    serverChange,
    operation,
    name,
    refusals,
    refusalHeight,
    onDraftChange,
    restore,
    send,
    rebase,
  } = useEditSession(props);

  return (
    <Box flexDirection="column">
      {effective.kind === 'offer' && drafts.offered ? (
        <DraftOffer stored={drafts.offered} isActive={isActive} onRestore={() => restore(drafts.acceptOffer())} onDiscard={drafts.discardOffer} />
      ) : null}
      {restoredNote && effective.kind === 'editing' ? <Text>{restoredNote}</Text> : null}
      {refusals.length > 0 && effective.kind === 'editing' ? (
        <Box flexDirection="column">
          <Text wrap="truncate-end" {...tone('warning')}>
            {REFUSED_MARK} Cloud Control cannot change this profile, so a save will be refused:
          </Text>
          {refusals.map((r) => (
            <Text key={r.field} wrap="truncate-end" {...tone('warning')}>
              {'  '}
              {sanitizeLine(r.message)}
            </Text>
          ))}
        </Box>
      ) : null}
      {drafts.error ? <Text>! {drafts.error}</Text> : null}
      <Box display={effective.kind === 'editing' ? 'flex' : 'none'} flexDirection="column">
        <ProfileEditor
          key={editorKey}
          mode={mode}
          original={original}
          initialDraft={editorSeed}
          {...(props.hierarchyGroups ? { hierarchyGroups: props.hierarchyGroups } : {})}
          {...(props.flaggedFields ? { flaggedFields: props.flaggedFields } : {})}
          {...(props.existingNames ? { existingNames: props.existingNames } : {})}
          height={props.height - (restoredNote ? 1 : 0) - refusalHeight}
          width={props.width}
          isActive={isActive && effective.kind === 'editing'}
          onDraftChange={onDraftChange}
          onReview={(d) => {
            setDraft(d);
            dispatchStep({ type: 'edit-step/review' });
          }}
          onCancel={({ isDirty }) => (isDirty ? dispatchStep({ type: 'edit-step/ask-leave' }) : onClose())}
        />
      </Box>
      {effective.kind === 'leaving' ? (
        <LeavePrompt
          isActive={isActive}
          hasStore={props.draftStore !== undefined}
          onStay={() => dispatchStep({ type: 'edit-step/edit' })}
          onLeave={() => {
            drafts.flush();
            onClose();
          }}
          onDiscard={() => {
            void drafts.clear().then(onClose);
          }}
        />
      ) : null}
      {effective.kind === 'reviewing' ? (
        <ReviewScreen
          mode={mode}
          original={mode === 'edit' ? base : undefined}
          draft={draft}
          {...(effective.conflicts ? { conflicts: effective.conflicts } : {})}
          height={props.height}
          width={props.width}
          isActive={isActive}
          onConfirm={send}
          onBack={() => dispatchStep({ type: 'edit-step/edit' })}
        />
      ) : null}
      {effective.kind === 'saving' ? (
        <OperationProgress
          title={mode === 'edit' ? `Saving “${name}”` : `Creating “${name}”`}
          successText={mode === 'edit' ? `Saved “${name}”` : `Created “${name}”`}
          operation={operation}
          {...(serverChange ? { serverChange } : {})}
          isActive={isActive}
          onDone={() => (operation.phase === 'succeeded' || operation.phase === 'detached' ? onClose() : dispatchStep({ type: 'edit-step/edit' }))}
          onRetry={operation.retry}
          onDetach={operation.detach}
          {...(props.track ? { onKeepWaiting: () => operation.keepWaiting(props.track!) } : {})}
          onEdit={() => {
            operation.reset();
            dispatchStep({ type: 'edit-step/edit' });
          }}
          {...(loadCurrent ? { onRebase: rebase } : {})}
        />
      ) : null}
    </Box>
  );
}
