// The holders session's screens (state/assign-reducer.ts): the profile to pick, a user's checklist with
// what the change would take and give, a rename's new name, the review, the run's progress and the end.
// Presentational: the state, the rows and the words come in as props.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import stringWidth from 'string-width';
import { Footer } from './footer.js';
import { type PaneLine, wrapText } from './pane-lines.js';
import { progressBar } from './progress-bar.js';
import { ProductionQuestion } from './production-question.js';
import { ScrollPane } from './scroll-pane.js';
import { TextField } from './text-field.js';
import { useTone } from './theme.js';
import type { NamedProfile } from '../domain/access/assignment-batch.js';
import { profileIdOf } from '../domain/access/assignments.js';
import { sanitizeLine } from '../domain/text/sanitize.js';
import type { HelpEntry } from '../keys/engine.js';
import { type AssignState, BULK_FIELDS } from '../state/assign-reducer.js';
import { followCursor } from '../state/motion.js';

export interface AssignViewProps {
  readonly state: AssignState;
  /** What the session does, as a title ("Give 3 users a profile"). */
  readonly title: string;
  /** The pick's or the checklist's rows (filtered). */
  readonly rows: readonly NamedProfile[];
  /** The checklist's set now. */
  readonly checked: readonly string[];
  /** Under the checklist: what the ticked set would do to the user, or why it cannot be sent. */
  readonly note: readonly PaneLine[];
  readonly production: string | undefined;
  /** How long the rest of a run takes at AWS's pace. */
  readonly timeLeft: (remaining: number) => string | undefined;
  readonly hints: readonly HelpEntry[];
  /** Every key of the step, for `?`. */
  readonly help: readonly HelpEntry[];
  /** Batches are journalled: a stopped one is offered again (B). */
  readonly canResume: boolean;
  readonly width: number;
  readonly height: number;
}

export function AssignView({ state, title, rows, checked, note, production, timeLeft, hints, help, canResume, width, height }: AssignViewProps) {
  const tone = useTone();
  const { step } = state;
  // The review wrapped once per review and width, not on every scroll key.
  const reviewed = useMemo(() => (step.kind === 'review' ? step.lines.flatMap((l, i) => wrapKept(l, width).map((text) => ({ text, ...(i === 0 ? { tone: 'heading' as const } : l.includes('⚠') || l.trimStart().startsWith('✗') ? { tone: 'error' as const } : {}) }))) : []), [step, width]);
  const footer = <Footer hints={hints} width={width} />;
  if (state.isHelpOpen) {
    return (
      <Box flexDirection="column">
        <Text bold>Keys — {sanitizeLine(title)} (? or Esc closes)</Text>
        {help.map((e) => (
          <Text key={e.keys} wrap="wrap">
            {`  ${e.keys.padEnd(8)} ${e.help}`}
          </Text>
        ))}
      </Box>
    );
  }
  const heading = (
    <Text bold wrap="truncate-end">
      {sanitizeLine(title)}
    </Text>
  );
  if (step.kind === 'pick' || step.kind === 'checklist') {
    const room = Math.max(1, height - 3 - note.length);
    const top = followCursor(state.cursor, Math.max(0, state.cursor - room + 1), room, rows.length);
    const isChecklist = step.kind === 'checklist';
    const lines: PaneLine[] = rows.slice(top, top + room).map((p, i) => {
      const at = top + i === state.cursor;
      const box = isChecklist ? (checked.some((a) => profileIdOf(a) === profileIdOf(p.arn)) ? '[x] ' : '[ ] ') : '';
      return { text: `${at ? '›' : ' '} ${box}${sanitizeLine(p.name ?? p.arn.split('/').pop() ?? p.arn)}`, ...(at ? { tone: 'selected' as const } : {}) };
    });
    if (rows.length === 0) lines.push({ text: state.text === '' ? '  No profile to offer.' : `  No profile matches “${sanitizeLine(state.text)}”. Esc clears the filter.`, tone: 'muted' });
    return (
      <Box flexDirection="column">
        {heading}
        <Text wrap="truncate-end" {...tone('muted')}>
          {state.text === '' ? 'Type to filter the profiles.' : `Filter: ${sanitizeLine(state.text)}`}
        </Text>
        <ScrollPane title="" lines={[...lines, ...note]} scroll={0} height={room + note.length} />
        {footer}
      </Box>
    );
  }
  if (step.kind === 'form') {
    return (
      <Box flexDirection="column">
        {heading}
        {BULK_FIELDS.map((label, i) => (
          <Box key={label}>
            <Text {...(i === state.field ? tone('selected') : {})}>{`${i === state.field ? '›' : ' '} ${label.padEnd(22)} `}</Text>
            <TextField value={state.fields[i] ?? ''} isFocused={i === state.field} placeholder={i < 2 ? 'API names, prefixes or console words, comma-separated' : i === 2 ? 'key=value, …' : 'key, …'} />
          </Box>
        ))}
        {note.map((l, i) => (
          <Text key={i} wrap="truncate-end" {...(l.tone ? tone(l.tone) : {})}>
            {l.text === '' ? ' ' : l.text}
          </Text>
        ))}
        {wrapText('A granted permission brings the View it needs, as the console does. The review lists each profile’s change and how many users it reaches; profiles it does nothing to are listed as unchanged.', width).map((l, i) => (
          <Text key={`h${i}`} {...tone('muted')}>
            {l}
          </Text>
        ))}
        {footer}
      </Box>
    );
  }
  if (step.kind === 'name') {
    return (
      <Box flexDirection="column">
        {heading}
        <Box>
          <Text>New name: </Text>
          <TextField value={state.text} isFocused placeholder="the profile's new name" />
        </Box>
        {wrapText("Connect has no rename (the name is set when a profile is created): spex creates a copy with every field under the new name, moves every holder to it, then deletes the old one — one batch, reviewed first.", width).map((l, i) => (
          <Text key={i} {...tone('muted')}>
            {l}
          </Text>
        ))}
        {footer}
      </Box>
    );
  }
  if (step.kind === 'reading') {
    return (
      <Box flexDirection="column">
        {heading}
        <Text>
          {step.read === undefined || step.read.total === 0
            ? 'Reading the users and the profiles they hold…'
            : `Reading the profiles they hold, for the review: ${progressBar(step.read.done, step.read.total, Math.min(40, width - 50))}${step.read.done < step.read.total ? ` · ${timeLeft(step.read.total - step.read.done) ?? 'under a minute at AWS’s pace'}` : ''}`}
        </Text>
        {footer}
      </Box>
    );
  }
  if (step.kind === 'review') {
    const lines: PaneLine[] = [...reviewed];
    if (step.refusal !== undefined) lines.push({ text: '' }, ...wrapText(`✗ ${sanitizeLine(step.refusal)}`, width).map((text) => ({ text, tone: 'error' as const })));
    if ((step.leftWithNone ?? 0) > 0 && hints.some((h) => h.keys === 'r')) lines.push({ text: '' }, { text: `r: pick a profile for the ${step.leftWithNone} user${step.leftWithNone === 1 ? '' : 's'} left with none, instead of skipping them`, tone: 'accent' });
    const extra = state.isArmed ? 3 : 0;
    return (
      <Box flexDirection="column">
        <ScrollPane title="Review — nothing has been sent yet" lines={lines} scroll={state.scroll} height={Math.max(3, height - 2 - extra)} />
        {state.isArmed ? <ProductionQuestion label={production} what="change these users' security profiles" /> : null}
        <Footer hints={hints.filter((h) => (h.keys !== 'y' || (step.left > 0 && step.refusal === undefined)) && (h.keys !== 'r' || (step.leftWithNone ?? 0) > 0))} width={width} />
      </Box>
    );
  }
  if (step.kind === 'running') {
    const left = step.total - step.done;
    const lines: PaneLine[] = [
      { text: progressBar(step.done, step.total, Math.min(width, 60)) },
      { text: step.isStopping ? `Stopping after the request in flight…${canResume ? ' (what is left stays journalled: B in the profile table resumes it)' : ''}` : `${left} left${left > 0 ? ` · ${timeLeft(left) ?? 'under a minute at AWS’s pace'}` : ''}${step.failed.length > 0 ? ` · ${step.failed.length} refused` : ''}`, ...(step.isStopping ? { tone: 'muted' as const } : {}) },
      ...step.failed.slice(-Math.max(0, height - 6)).map((f) => ({ text: `✗ ${sanitizeLine(f)}`, tone: 'error' as const })),
    ];
    return (
      <Box flexDirection="column">
        <ScrollPane title={`Sending — ${sanitizeLine(step.what)}`} lines={lines} scroll={0} height={Math.max(3, height - 2)} />
        {footer}
      </Box>
    );
  }
  const lines: PaneLine[] =
    step.kind === 'error'
      ? wrapText(`✗ ${sanitizeLine(step.message)}`, width).map((text) => ({ text, tone: 'error' as const }))
      : step.lines.flatMap((l, i) => wrapKept(l, width).map((text) => ({ text, ...(i === step.lines.length - 1 ? { tone: step.isComplete ? ('success' as const) : ('error' as const) } : l.startsWith('✗') || l.startsWith('≠') ? { tone: 'error' as const } : {}) })));
  return (
    <Box flexDirection="column">
      <ScrollPane title={step.kind === 'error' ? 'Could not go on' : step.isComplete ? 'Done' : 'Ended — not everything is in effect'} lines={lines} scroll={state.scroll} height={Math.max(3, height - 2)} />
      {footer}
    </Box>
  );
}

/**
 * A line wrapped to the width, its continuation lines under its own indent (+2), broken between the
 * names it lists (after ", ", "; " or " → ") so that a profile's name is not split where it can be helped.
 */
function wrapKept(line: string, width: number): string[] {
  const text = sanitizeLine(line);
  const lead = text.length - text.trimStart().length;
  const indent = ' '.repeat(Math.min(8, lead + 2));
  const out: string[] = [];
  let current = ' '.repeat(lead);
  for (const token of text.trimStart().split(/(?<=, |; | → )/)) {
    if (stringWidth(current + token.trimEnd()) <= width) {
      current += token;
      continue;
    }
    if (current.trim() !== '') out.push(current.trimEnd());
    const room = Math.max(10, width - indent.length);
    // A token longer than a whole line is wrapped at its spaces.
    const pieces = stringWidth(token.trimEnd()) > room ? wrapText(token.trim(), room) : [token];
    for (const piece of pieces.slice(0, -1)) out.push(indent + piece);
    current = indent + (pieces.at(-1) ?? '');
  }
  if (current.trim() !== '') out.push(current.trimEnd());
  return out.length > 0 ? out : [''];
}
