// The keys of the holders session (state/assign-reducer.ts): pick a profile (typed to filter), a user's
// checklist of profiles, a rename's new name, the review, the run and its end — in the one key engine,
// so the footers and the `?` list are read from the same table as the behaviour. Pure data.
import { createKeymap, type EngineBinding } from './engine.js';
import { bind, CURSOR_KEYS, type CursorCommand } from './key-spec.js';

export type AssignMode = 'assign-form' | 'assign-pick' | 'assign-checklist' | 'assign-name' | 'assign-review' | 'assign-running' | 'assign-end' | 'assign-error' | 'assign-wait';

export type AssignCommand = CursorCommand | 'assign.choose' | 'assign.toggle' | 'assign.review' | 'assign.apply' | 'assign.stop' | 'assign.close' | 'assign.replace' | 'assign.help' | 'assign.next-field' | 'assign.correct' | 'assign.back' | 'assign.erase' | 'assign.type';

/** `?` where nothing is typed: this step's keys. */
const help = bind('assign.help', '?', [{ input: '?' }], "this step's keys (again, or Esc: close them)", 'help');
const erase = bind('assign.erase', '', [{ key: 'backspace' }, { key: 'delete' }], '');
const arrows = [{ ...CURSOR_KEYS.arrowUp, label: '↑↓', help: 'move' }, { ...CURSOR_KEYS.arrowDown, label: '', help: '' }, { ...CURSOR_KEYS.pageUp, label: '' }, { ...CURSOR_KEYS.pageDown, label: '' }];

const TABLE: Readonly<Record<AssignMode, readonly EngineBinding<AssignCommand>[]>> = {
  'assign-form': [
    bind('assign.choose', 'Enter', [{ key: 'return' }], 'plan the change: each profile read, the review shows what it does (nothing is sent before y)', 'plan'),
    bind('assign.next-field', 'Tab', [{ key: 'tab' }, { key: 'downArrow' }], 'next field', 'next field'),
    erase,
    bind('assign.back', 'Esc', [{ key: 'escape' }], 'cancel (nothing is sent)', 'cancel'),
  ],
  'assign-pick': [bind('assign.choose', 'Enter', [{ key: 'return' }], 'choose the profile under ›', 'choose'), ...arrows, erase, bind('assign.back', 'Esc', [{ key: 'escape' }], 'clear the filter, else cancel (nothing is sent)', 'cancel')],
  'assign-checklist': [
    bind('assign.toggle', 'Space', [{ input: ' ' }], 'hold or drop the profile under ›', 'hold/drop'),
    { ...bind('assign.review', 'Enter', [{ key: 'return' }], 'review the change (nothing is sent before y)', 'review'), mutates: true },
    ...arrows,
    erase,
    bind('assign.back', 'Esc', [{ key: 'escape' }], 'clear the filter, else close (nothing is sent)', 'close'),
  ],
  'assign-name': [bind('assign.choose', 'Enter', [{ key: 'return' }], 'plan the rename', 'plan'), erase, bind('assign.back', 'Esc', [{ key: 'escape' }], 'cancel', 'cancel')],
  'assign-review': [
    { ...bind('assign.apply', 'y', [{ input: 'y' }], 'send it: one guarded request per user, at AWS pace', 'send'), mutates: true },
    bind('cursor.up', '↑↓', [{ input: 'k' }, { key: 'upArrow' }], 'scroll', 'scroll'),
    { ...CURSOR_KEYS.down, label: '', help: '' },
    { ...CURSOR_KEYS.pageUp, label: '' },
    { ...CURSOR_KEYS.pageDown, label: '' },
    bind('assign.back', 'Esc', [{ key: 'escape' }, { input: 'n' }], 'cancel: nothing is sent', 'cancel'),
    { ...bind('assign.replace', 'r', [{ input: 'r' }], 'users it would leave with no profile: pick one to give them instead of skipping them', 'replacement'), mutates: true },
    help,
  ],
  'assign-running': [bind('assign.stop', 'Esc', [{ key: 'escape' }], 'stop after the request in flight (the rest resumes later)', 'stop'), help],
  'assign-end': [
    bind('assign.close', 'Enter', [{ key: 'return' }, { key: 'escape' }], 'close', 'close'),
    bind('cursor.up', '↑↓', [{ input: 'k' }, { key: 'upArrow' }], 'scroll', 'scroll'),
    { ...CURSOR_KEYS.down, label: '', help: '' },
    help,
  ],
  'assign-error': [bind('assign.correct', 'Enter', [{ key: 'return' }], 'back to what was typed or picked, to correct it', 'correct'), bind('assign.close', 'Esc', [{ key: 'escape' }], 'close: nothing was sent', 'close'), help],
  'assign-wait': [bind('assign.back', 'Esc', [{ key: 'escape' }], 'cancel', 'cancel')],
};

export const ASSIGN_KEYMAP = createKeymap<AssignMode, AssignCommand>(TABLE, {
  typing: { modes: ['assign-form', 'assign-pick', 'assign-checklist', 'assign-name'], letters: 'after-bindings', textCommand: 'assign.type', helpLine: 'typed into the filter (or the name)' },
});
