// The promote session on screen: the targets to choose, the plan per target in console words with the
// id mapping, a resumed promotion's steps, the progress and the end; the production question when a
// target is production. Presentational: state/promote-reducer.ts's state in, nothing out.
import { Box, Text } from 'ink';
import { type FleetRow, instanceKey, shownFleetRows } from '../../domain/fleet/fleet-row.js';
import { type TargetPlan, targetPlanText } from '../../domain/fleet/promote.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { HelpEntry } from '../../keys/keymap.js';
import type { PromoteState } from '../../state/promote-reducer.js';
import { Footer } from '../footer.js';
import { type PaneLine, wrapText } from '../pane-lines.js';
import { ProductionQuestion } from '../production-question.js';
import { ScrollPane } from '../scroll-pane.js';
import { useTone } from '../theme.js';

export interface PromoteViewProps {
  readonly state: PromoteState;
  readonly candidates: readonly FleetRow[];
  readonly plans: readonly TargetPlan[];
  /** How many steps y would send. */
  readonly changing: number;
  /** The production targets' keys (the question names them). */
  readonly productionKeys: readonly string[];
  readonly hints: readonly HelpEntry[];
  readonly width: number;
  readonly height: number;
}

/** The pane's lines for the session's step. */
export function promoteLines({ state, candidates, plans, changing, productionKeys, width }: Omit<PromoteViewProps, 'hints' | 'height'>): PaneLine[] {
  const { step, request } = state;
  const names = request.names ?? [];
  const lines: PaneLine[] = [];
  if (step.kind === 'targets') {
    lines.push({ text: `Choose the targets (Space), then Enter: ${names.map((n) => `“${sanitizeLine(n)}”`).join(', ')}`, tone: 'heading' });
    const shown = shownFleetRows(candidates, state.filter);
    if (state.filter !== '' || state.isFiltering) lines.push({ text: `Filter: ${sanitizeLine(state.filter)}${state.isFiltering ? '▏' : ''}  (${shown.length} of ${candidates.length}; ${state.chosen.size} chosen)`, tone: 'muted' });
    shown.forEach((r, i) =>
      lines.push({
        text: `${i === state.cursor ? '›' : ' '} [${state.chosen.has(instanceKey(r)) ? 'x' : ' '}] ${sanitizeLine(instanceKey(r))}  ${r.region}  ${r.accountId ?? ''}${r.unit !== undefined ? `  ${sanitizeLine(r.unit)}` : ''}${r.production ? '  ⚠ PRODUCTION' : ''}`,
        ...(i === state.cursor ? { tone: 'selected' as const } : r.production ? { tone: 'warning' as const } : {}),
      }),
    );
  } else if (step.kind === 'reading') lines.push({ text: `Reading the source and ${state.chosen.size} target${state.chosen.size === 1 ? '' : 's'}…`, tone: 'muted' });
  else if (step.kind === 'review' && request.resume !== undefined) {
    for (const s of request.resume.steps) lines.push({ text: `${s.status.padEnd(7)} ${sanitizeLine(s.target)}: ${s.action} “${sanitizeLine(s.name)}”`, ...(s.status === 'done' ? { tone: 'muted' as const } : {}) });
    lines.push({ text: '' }, { text: 'y sends what is not done yet, with the same client tokens (nothing is applied twice).', tone: 'heading' });
  } else if (step.kind === 'review') {
    const blocked = plans.flatMap((p) => p.blocked);
    for (const plan of plans) {
      const text = targetPlanText(plan, productionKeys.includes(plan.key), { requests: true, choose: 'keys' });
      for (const l of text.trimEnd().split('\n')) {
        // Wrapped under its own indent, so the plan's shape survives.
        const indent = /^ */.exec(l)![0];
        const style = l.includes('BLOCKED') ? { tone: 'error' as const } : /^\S/.test(l) ? { tone: 'heading' as const } : {};
        for (const w of wrapText(l.slice(indent.length), Math.max(20, width - 2 - indent.length))) lines.push({ text: `${indent}${w}`, ...style });
      }
      lines.push({ text: '' });
    }
    lines.push({
      text: blocked.length > 0 ? `${blocked.length} value${blocked.length === 1 ? '' : 's'} to choose for before anything can be sent.` : changing === 0 ? 'Every target already matches.' : `y applies ${changing} change${changing === 1 ? '' : 's'}. Nothing has been sent yet.`,
      tone: blocked.length > 0 ? 'error' : 'heading',
    });
  } else if (step.kind === 'applying' || step.kind === 'done') {
    for (const s of state.progress) {
      const mark = s.status === 'done' ? '✓' : s.status === 'failed' ? '✗' : s.status === 'sent' ? '…' : ' ';
      lines.push({ text: `${mark} ${sanitizeLine(s.target)}: ${s.action} “${sanitizeLine(s.name)}”${s.error ? ` — ${sanitizeLine(s.error)}` : ''}`, ...(s.status === 'failed' ? { tone: 'error' as const } : s.status === 'done' ? { tone: 'success' as const } : {}) });
    }
    if (step.kind === 'done') {
      lines.push({ text: '' }, { text: 'Summary', tone: 'heading' });
      for (const l of step.lines) lines.push({ text: l, ...(l.includes('✗') || l.includes('≠') ? { tone: 'error' as const } : {}) });
    }
  } else lines.push(...wrapText(`✗ ${sanitizeLine(step.message)}`, width).map((t) => ({ text: t, tone: 'error' as const })));
  return lines;
}

export function PromoteView(props: PromoteViewProps) {
  const tone = useTone();
  const { state, productionKeys, changing, hints, width, height } = props;
  const { request } = state;
  const names = request.names ?? [];
  const resume = request.resume;
  const title =
    resume !== undefined
      ? `Resume the promotion of ${resume.createdAt}: ${resume.steps.filter((s) => s.status === 'done').length} of ${resume.steps.length} steps done`
      : `Promote ${names.length} profile${names.length === 1 ? '' : 's'} from ${sanitizeLine(request.source ? instanceKey(request.source) : '?')}`;
  const lines = promoteLines(props);
  // The title, a blank line and the footer around the pane; the production question when asked.
  const room = Math.max(3, height - 3 - (state.isArmed ? 2 : 0));
  return (
    <Box flexDirection="column">
      <ScrollPane title={title} lines={lines} scroll={Math.min(state.scroll, Math.max(0, lines.length - room))} height={room} />
      {state.isArmed ? <ProductionQuestion label={productionKeys.join(', ')} what={`apply ${changing} change${changing === 1 ? '' : 's'}`} /> : null}
      <Text {...tone('muted')}> </Text>
      <Footer hints={hints} width={width} />
    </Box>
  );
}
