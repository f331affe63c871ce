// The steps of one edit, create or clone: editing, leaving (asked whether to keep the draft),
// reviewing, saving. A stored draft on offer comes before all of them (it is the draft store's to say,
// see effectiveStep). Transitions that make no sense from where the session is are ignored, so a key
// pressed twice before a re-render cannot, say, send from the editor. Pure.

export type EditStep =
  | { kind: 'offer' }
  | { kind: 'editing' }
  | { kind: 'leaving' }
  | { kind: 'reviewing'; conflicts?: readonly string[] }
  | { kind: 'saving' };

export type EditStepAction =
  /** From the editor (or, after a rebase, from saving) to the review of the change. */
  | { type: 'edit-step/review'; conflicts?: readonly string[] }
  /** Back to the editor: from the review, the leave question, or a save that did not succeed. */
  | { type: 'edit-step/edit' }
  /** Esc in the editor with unsaved changes. */
  | { type: 'edit-step/ask-leave' }
  /** The review was confirmed: the change is being sent. */
  | { type: 'edit-step/save' };

export const FIRST_EDIT_STEP: EditStep = { kind: 'editing' };

export function editStepReducer(step: EditStep, action: EditStepAction): EditStep {
  switch (action.type) {
    case 'edit-step/review':
      if (step.kind !== 'editing' && step.kind !== 'saving') return step;
      return action.conflicts === undefined ? { kind: 'reviewing' } : { kind: 'reviewing', conflicts: action.conflicts };
    case 'edit-step/edit':
      return step.kind === 'editing' || step.kind === 'offer' ? step : FIRST_EDIT_STEP;
    case 'edit-step/ask-leave':
      return step.kind === 'editing' ? { kind: 'leaving' } : step;
    case 'edit-step/save':
      return step.kind === 'reviewing' ? { kind: 'saving' } : step;
    default: {
      const unhandled: never = action;
      return unhandled;
    }
  }
}

/** A stored draft on offer is answered before anything else. */
export function effectiveStep(step: EditStep, hasOffer: boolean): EditStep {
  return hasOffer ? { kind: 'offer' } : step;
}

/** A delete session: the typed-name guard, then the request followed to its end. */
export type DeleteStep = { kind: 'confirming' } | { kind: 'deleting' };

/** Only a guard that is showing can be confirmed: a second Enter cannot start a second delete. */
export function deleteStepReducer(step: DeleteStep, action: { type: 'delete-step/confirm' }): DeleteStep {
  return action.type === 'delete-step/confirm' && step.kind === 'confirming' ? { kind: 'deleting' } : step;
}
