// One edit (or create, or clone) from start to end: offer a stored draft, edit, review, send, track,
// and on a refusal because the profile changed on the server, rebase and review again. I/O comes in as
// functions (save, loadCurrent) and a draft store, so the shell decides which service and region.
// A thin view: the state, the step machine and the I/O are in hooks/use-edit-session.ts.
import { Box, Text } from 'ink';
import { REFUSED_MARK } from '../../domain/profile/cloud-control-safe.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { type EditSessionProps, useEditSession } from '../../hooks/use-edit-session.js';
import { OperationProgress } from '../../components/operation/operation-progress.js';
import { DraftOffer, LeavePrompt } from '../../components/editor/session-prompts.js';
import { useTone } from '../../components/theme.js';
import { ProfileEditor } from '../../components/editor/profile-editor.js';
import { ReviewScreen } from '../../components/editor/review-screen.js';
import { useProductionGate } from '../../hooks/production.js';

export type { EditSessionProps } from '../../hooks/use-edit-session.js';


export function EditSession(props: EditSessionProps) {
  const { mode, original, isActive, loadCurrent, onClose } = props;
  const tone = useTone();
  const session = useEditSession(props);
  const gate = useProductionGate();

  return (
    <Box flexDirection="column">
      {session.effective.kind === 'offer' && session.drafts.offered ? (
        <DraftOffer stored={session.drafts.offered} isActive={isActive} onRestore={() => session.restore(session.drafts.acceptOffer())} onDiscard={session.drafts.discardOffer} />
      ) : null}
      {session.restoredNote && session.effective.kind === 'editing' ? <Text>{session.restoredNote}</Text> : null}
      {session.refusals.length > 0 && session.effective.kind === 'editing' ? (
        <Box flexDirection="column">
          <Text wrap="truncate-end" {...tone('warning')}>
            {props.connectSaves
              ? `${REFUSED_MARK} Cloud Control refuses this profile's current values, so the save goes through the Connect API instead:`
              : `${REFUSED_MARK} Cloud Control cannot change this profile, so a save will be refused:`}
          </Text>
          {session.refusals.map((r) => (
            <Text key={r.field} wrap="truncate-end" {...tone('warning')}>
              {'  '}
              {sanitizeLine(r.message)}
            </Text>
          ))}
        </Box>
      ) : null}
      {session.drafts.error ? <Text>! {session.drafts.error}</Text> : null}
      <Box display={session.effective.kind === 'editing' ? 'flex' : 'none'} flexDirection="column">
        <ProfileEditor
          key={session.editorKey}
          mode={mode}
          original={original}
          initialDraft={session.editorSeed}
          {...(props.hierarchyGroups ? { hierarchyGroups: props.hierarchyGroups } : {})}
          {...(props.aiAgents ? { aiAgents: props.aiAgents } : {})}
          {...(props.flaggedFields ? { flaggedFields: props.flaggedFields } : {})}
          {...(props.existingNames ? { existingNames: props.existingNames } : {})}
          {...(props.connectSaves ? { connectRules: true } : {})}
          {...(props.layout ? { layout: props.layout } : {})}
          {...(props.focus ? { focus: props.focus } : {})}
          height={props.height - (session.restoredNote ? 1 : 0) - session.refusalHeight}
          width={props.width}
          isActive={isActive && session.effective.kind === 'editing'}
          onDraftChange={session.onDraftChange}
          onReview={(d) => {
            session.setDraft(d);
            session.dispatchStep({ type: 'edit-step/review' });
          }}
          onCancel={({ isDirty }) => (isDirty ? session.dispatchStep({ type: 'edit-step/ask-leave' }) : onClose())}
          {...(props.onQuit ? { onQuit: props.onQuit } : {})}
        />
      </Box>
      {session.effective.kind === 'leaving' ? (
        <LeavePrompt
          isActive={isActive}
          hasStore={props.draftStore !== undefined}
          onStay={() => session.dispatchStep({ type: 'edit-step/edit' })}
          onLeave={() => {
            session.drafts.flush('left');
            onClose();
          }}
          onDiscard={() => {
            void session.drafts.clear().then(onClose);
          }}
        />
      ) : null}
      {session.effective.kind === 'reviewing' ? (
        <ReviewScreen
          mode={mode}
          original={mode === 'edit' ? session.base : undefined}
          draft={session.draft}
          {...(session.effective.conflicts ? { conflicts: session.effective.conflicts } : {})}
          {...(props.reach ? { reach: props.reach } : {})}
          {...(props.aiAgents ? { aiAgents: props.aiAgents } : {})}
          route={props.connectSaves ? 'connect' : 'cloud-control'}
          height={props.height}
          width={props.width}
          isActive={isActive}
          gate={gate}
          onConfirm={session.send}
          onBack={() => session.dispatchStep({ type: 'edit-step/edit' })}
        />
      ) : null}
      {session.effective.kind === 'saving' ? (
        <OperationProgress
          title={mode === 'edit' ? `Saving “${session.name}”` : `Creating “${session.name}”`}
          successText={mode === 'edit' ? `Saved “${session.name}”` : `Created “${session.name}”`}
          operation={session.operation}
          {...(session.serverChange ? { serverChange: session.serverChange } : {})}
          isActive={isActive}
          onDone={() => (session.operation.phase === 'succeeded' || session.operation.phase === 'detached' ? onClose() : session.dispatchStep({ type: 'edit-step/edit' }))}
          onRetry={session.operation.retry}
          onDetach={session.operation.detach}
          {...(props.track ? { onKeepWaiting: () => session.operation.keepWaiting(props.track!) } : {})}
          onEdit={() => {
            session.operation.reset();
            session.dispatchStep({ type: 'edit-step/edit' });
          }}
          {...(loadCurrent ? { onRebase: session.rebase } : {})}
        />
      ) : null}
    </Box>
  );
}
