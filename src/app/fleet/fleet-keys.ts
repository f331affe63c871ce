// The keys of the fleet's own screens (fleet, drift, promote): footers and the `?` lists read them
// from here, so what is shown is what works.
import type { HelpEntry } from '../../keys/keymap.js';

export const FLEET_KEYS: readonly HelpEntry[] = [
  { keys: 'Enter', help: 'open the instance' },
  { keys: '/', help: 'filter (D compares what it shows)' },
  { keys: 'D', help: 'drift matrix' },
  { keys: 'R', help: 'resume an unfinished promotion' },
  { keys: 'r', help: 'scan again' },
  { keys: '↑↓', help: 'move' },
  { keys: '?', help: 'help' },
  { keys: 'q', help: 'quit' },
];

export const DRIFT_KEYS: readonly HelpEntry[] = [
  { keys: 'Enter', help: 'the difference, side by side' },
  { keys: '←→↑↓', help: 'move' },
  { keys: 'b', help: 'baseline: this column' },
  { keys: 'f', help: 'only the profiles that drift' },
  { keys: 'Space', help: 'mark the cell' },
  { keys: 'P', help: 'promote from the baseline' },
  { keys: 'r', help: 'read again' },
  { keys: 'Esc', help: 'back' },
  { keys: '?', help: 'help' },
];

export const PROMOTE_KEYS: readonly HelpEntry[] = [
  { keys: 'Space', help: 'choose a target' },
  { keys: 'Enter', help: 'plan' },
  { keys: 's', help: 'skip the blocked field' },
  { keys: 'm', help: "map it to the target's next group" },
  { keys: 'y', help: 'apply' },
  { keys: 'Esc', help: 'back' },
];
