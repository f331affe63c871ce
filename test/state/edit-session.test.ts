import { describe, expect, it } from 'vitest';
import { deleteStepReducer, editStepReducer, effectiveStep, type EditStep, type EditStepAction } from '../../src/state/edit-session.js';

const editing: EditStep = { kind: 'editing' };
const reviewing: EditStep = { kind: 'reviewing' };
const saving: EditStep = { kind: 'saving' };
const leaving: EditStep = { kind: 'leaving' };

describe('editStepReducer', () => {
  it.each<[EditStep, EditStepAction, EditStep]>([
    [editing, { type: 'edit-step/review' }, reviewing],
    [saving, { type: 'edit-step/review', conflicts: ['Description'] }, { kind: 'reviewing', conflicts: ['Description'] }],
    [leaving, { type: 'edit-step/review' }, leaving],
    [reviewing, { type: 'edit-step/save' }, saving],
    [editing, { type: 'edit-step/save' }, editing],
    [saving, { type: 'edit-step/save' }, saving],
    [editing, { type: 'edit-step/ask-leave' }, leaving],
    [reviewing, { type: 'edit-step/ask-leave' }, reviewing],
    [leaving, { type: 'edit-step/edit' }, editing],
    [reviewing, { type: 'edit-step/edit' }, editing],
    [saving, { type: 'edit-step/edit' }, editing],
  ])('%j + %j → %j', (step, action, next) => {
    expect(editStepReducer(step, action)).toEqual(next);
  });

  it('keeps the same object when nothing changes', () => {
    expect(editStepReducer(editing, { type: 'edit-step/edit' })).toBe(editing);
  });

  it('a draft on offer comes first', () => {
    expect(effectiveStep(reviewing, true)).toEqual({ kind: 'offer' });
    expect(effectiveStep(reviewing, false)).toBe(reviewing);
  });
});

describe('deleteStepReducer', () => {
  it('confirms once', () => {
    const deleting = deleteStepReducer({ kind: 'confirming' }, { type: 'delete-step/confirm' });
    expect(deleting).toEqual({ kind: 'deleting' });
    expect(deleteStepReducer(deleting, { type: 'delete-step/confirm' })).toBe(deleting);
  });
});
