// The keys of the fleet's own screens (the fleet, its filter, the drift matrix and a cell's difference,
// the promote session's steps), in the one key engine: the reducers resolve keys here, and the footers
// and `?` lists are read from the same table, so what is shown is what works. Pure data.
import { createKeymap, type EngineBinding } from './engine.js';
import { bind, CURSOR_KEYS, type CursorCommand } from './key-spec.js';

export type FleetMode = 'fleet' | 'fleet-filter' | 'drift' | 'cell' | 'fleet-help' | 'promote-targets' | 'promote-review' | 'promote-end';

export type FleetCommand =
  | CursorCommand
  | 'app.quit'
  | 'app.back'
  | 'app.help'
  | 'fleet.open'
  | 'fleet.filter'
  | 'promote.choose-shown'
  | 'fleet.drift'
  | 'fleet.resume'
  | 'fleet.rescan'
  | 'filter.keep'
  | 'filter.erase'
  | 'filter.type'
  | 'cursor.left'
  | 'cursor.right'
  | 'drift.open'
  | 'drift.next'
  | 'drift.baseline'
  | 'drift.only'
  | 'drift.mark'
  | 'drift.promote'
  | 'drift.reread'
  | 'promote.choose'
  | 'promote.plan'
  | 'promote.skip'
  | 'promote.map'
  | 'promote.apply'
  | 'promote.close';

const quit = bind('app.quit', 'q', [{ input: 'q' }, { input: 'c', ctrl: true }], 'quit', 'quit');
const help = bind('app.help', '?', [{ input: '?' }], 'help', 'help');
const back = bind('app.back', 'Esc', [{ key: 'escape' }], 'back', 'back');
/** g/G (Home/End) and a page at a time: every long view has them. */
const ends = [
  bind('cursor.first', 'g/G', [{ input: 'g' }, { key: 'home' }], 'top/end', 'top/end'),
  { ...bind('cursor.last', '', [{ input: 'G' }, { key: 'end' }], ''), label: '' },
  { ...CURSOR_KEYS.pageUp, label: '' },
  { ...CURSOR_KEYS.pageDown, label: '' },
];
const scroll = [bind('cursor.up', '↑↓', [{ input: 'k' }, { key: 'upArrow' }], 'scroll', 'scroll'), { ...CURSOR_KEYS.down, label: '', help: '' }, ...ends];

const TABLE: Readonly<Record<FleetMode, readonly EngineBinding<FleetCommand>[]>> = {
  fleet: [
    bind('fleet.open', 'Enter', [{ key: 'return' }], 'open the instance', 'open'),
    bind('fleet.drift', 'D', [{ input: 'D' }], 'drift matrix (of the instances the filter shows)', 'drift'),
    bind('fleet.filter', '/', [{ input: '/' }], 'filter (D compares what it shows)', 'filter'),
    { ...bind('fleet.resume', 'R', [{ input: 'R' }], 'resume an unfinished promotion', 'resume'), mutates: true },
    bind('fleet.rescan', 'r', [{ input: 'r' }], 'scan again', 'rescan'),
    bind('cursor.up', '↑↓', [{ input: 'k' }, { key: 'upArrow' }], 'move', 'move'),
    { ...CURSOR_KEYS.down, label: '', help: '' },
    // Hundreds of accounts: a page at a time, or straight to either end (in the help, not the footer).
    ...ends.map(({ hint: _hint, ...b }) => b),
    bind('app.back', '', [{ key: 'escape' }], ''),
    help,
    quit,
  ],
  'fleet-filter': [
    bind('app.back', 'Esc', [{ key: 'escape' }], 'clear the filter', 'clear'),
    bind('filter.keep', 'Enter', [{ key: 'return' }], 'keep the filter', 'keep'),
    { ...CURSOR_KEYS.arrowUp, label: '↑↓', help: 'keep the filter and move' },
    { ...CURSOR_KEYS.arrowDown, label: '', help: '' },
    bind('filter.erase', '', [{ key: 'backspace' }, { key: 'delete' }], ''),
  ],
  drift: [
    bind('drift.open', 'Enter', [{ key: 'return' }], 'the difference, side by side', 'the difference, side by side'),
    bind('cursor.up', '←→↑↓', [{ input: 'k' }, { key: 'upArrow' }], 'move', 'move'),
    { ...CURSOR_KEYS.down, label: '', help: '' },
    bind('cursor.left', '', [{ input: 'h' }, { key: 'leftArrow' }], ''),
    bind('cursor.right', '', [{ input: 'l' }, { key: 'rightArrow' }], ''),
    bind('drift.next', 'n', [{ input: 'n' }], 'the next instance where this profile drifts', 'next drifting cell'),
    bind('drift.baseline', 'b', [{ input: 'b' }], 'baseline: this column', 'baseline: this column'),
    bind('drift.only', 'f', [{ input: 'f' }], 'only the profiles that drift', 'only the profiles that drift'),
    bind('drift.mark', 'Space', [{ input: ' ' }], 'mark the cell', 'mark the cell'),
    { ...bind('drift.promote', 'P', [{ input: 'P' }], 'promote from the baseline', 'promote from the baseline'), mutates: true },
    bind('drift.reread', 'r', [{ input: 'r' }], 'read again', 'read again'),
    back,
    help,
    bind('app.quit', 'q', [{ input: 'q' }, { input: 'c', ctrl: true }], 'quit'),
  ],
  cell: [...scroll, bind('app.back', 'Esc', [{ key: 'escape' }, { key: 'return' }], 'back', 'back')],
  'fleet-help': [bind('app.back', 'Esc', [{ key: 'escape' }, { input: '?' }, { input: 'q' }], 'close', 'close')],
  'promote-targets': [
    bind('promote.choose', 'Space', [{ input: ' ' }], 'choose a target', 'choose a target'),
    bind('promote.choose-shown', 'a', [{ input: 'a' }], 'choose every target shown (with / : every one the words match)', 'choose all shown'),
    bind('fleet.filter', '/', [{ input: '/' }], 'filter the targets by account, OU, region or alias', 'filter'),
    bind('promote.plan', 'Enter', [{ key: 'return' }], 'plan', 'plan'),
    bind('cursor.up', '↑↓', [{ input: 'k' }, { key: 'upArrow' }], 'move'),
    { ...CURSOR_KEYS.down, label: '', help: '' },
    back,
  ],
  'promote-review': [
    bind('promote.skip', 's', [{ input: 's' }], 'skip the blocked field', 'skip the blocked field'),
    bind('promote.map', 'm', [{ input: 'm' }], "map it to the target's next group", "map it to the target's next group"),
    { ...bind('promote.apply', 'y', [{ input: 'y' }, { key: 'return' }], 'apply', 'apply'), mutates: true },
    bind('cursor.up', '↑↓', [{ input: 'k' }, { key: 'upArrow' }], 'scroll'),
    { ...CURSOR_KEYS.down, label: '', help: '' },
    back,
  ],
  'promote-end': [bind('promote.close', 'Enter', [{ key: 'return' }, { key: 'escape' }], 'close', 'close')],
};

export const FLEET_KEYMAP = createKeymap<FleetMode, FleetCommand>(TABLE, { typing: { modes: ['fleet-filter'], letters: 'after-bindings', textCommand: 'filter.type', helpLine: 'typed into the filter' } });

/** The help screens' titles. */
export const FLEET_MODE_TITLES: Readonly<Record<'fleet' | 'drift', string>> = { fleet: 'Fleet', drift: 'Drift matrix' };
