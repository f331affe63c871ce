// Promote in the TUI: choose the targets (any account, any region), read each, then a plan per target
// in console words with the id mapping; a blocked group is chosen for here (s skips it, m maps it to
// the target's groups in turn). y applies (a production target asks once more), with one progress
// view per target and profile, journalled so a stopped spex resumes (R on the fleet screen). At the
// end: what changed where, what failed, and each target read again.
import { Box, Text } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Footer } from '../../components/footer.js';
import type { PaneLine } from '../../components/pane-lines.js';
import { wrapText } from '../../components/pane-lines.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { useTone } from '../../components/theme.js';
import { isSpexError } from '../../domain/service/errors.js';
import { type MappingChoice, promotePlan, type TargetPlan, targetPlanText } from '../../domain/fleet/promote.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import { type Fleet, type FleetRow, instanceKey, isProductionInstance } from '../../fleet/fleet.js';
import { newPromotion, type Promotion, type PromotionStep, runPromotion, targetOf } from '../../fleet/promotion.js';
import { type InstanceSide, readSide, serviceFor, serviceOf } from '../../fleet/read.js';
import { ProductionProvider, useProductionGate } from '../../hooks/production.js';
import { ProductionQuestion } from '../../components/production-question.js';
import { useBurstInput } from '../../hooks/use-burst-input.js';
import { PROMOTE_KEYS } from './fleet-keys.js';

export interface PromoteSessionProps {
  readonly fleet: Fleet;
  readonly rows: readonly FleetRow[];
  /** Where the profiles come from, and which (by name); or an unfinished promotion to resume. */
  readonly source?: FleetRow;
  readonly names?: readonly string[];
  readonly targets?: readonly FleetRow[];
  readonly resume?: Promotion;
  readonly journalDir: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly onClose: (summary?: string) => void;
}

/** The plan of one target from what was read of both sides. */
function planFor(source: InstanceSide, key: string, instanceArn: string, target: InstanceSide, choices: readonly MappingChoice[]): TargetPlan {
  return promotePlan(source.profiles, source.groups, { key, instanceArn, current: target.profiles, groups: target.groups, modules: target.modules }, choices, source.modules);
}

type Step =
  | { kind: 'targets' }
  | { kind: 'reading' }
  | { kind: 'review' }
  | { kind: 'applying' }
  | { kind: 'done'; lines: string[] }
  | { kind: 'error'; message: string };

const messageOf = (error: unknown): string => (isSpexError(error) ? error.error.message : error instanceof Error ? error.message : String(error));

export function PromoteSession({ fleet, rows, source, names = [], targets: initialTargets, resume, journalDir, width, height, onClose }: PromoteSessionProps) {
  const tone = useTone();
  const candidates = useMemo(() => rows.filter((r) => r.instance !== undefined && (r.instance.status ?? 'ACTIVE') === 'ACTIVE' && r.instance.arn !== source?.instance?.arn), [rows, source]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set((initialTargets ?? []).map(instanceKey)));
  const [cursor, setCursorState] = useState(0);
  const cursorRef = useRef(0);
  const setCursor = (f: (c: number) => number): void => setCursorState((cursorRef.current = f(cursorRef.current)));
  const [step, setStep] = useState<Step>(resume !== undefined ? { kind: 'review' } : initialTargets !== undefined && initialTargets.length > 0 ? { kind: 'reading' } : { kind: 'targets' });
  const [scroll, setScroll] = useState(0);
  const [choices, setChoices] = useState<MappingChoice[]>([]);
  const read = useRef<{ source: InstanceSide; targets: Map<string, InstanceSide> } | undefined>(undefined);
  const [progress, setProgress] = useState<readonly PromotionStep[]>(resume?.steps ?? []);
  /** The target's groups offered for each blocked path (kept once it is mapped, for m to go on). */
  const candidatesOf = useRef(new Map<string, readonly string[]>());
  const targetRows = useMemo(() => candidates.filter((r) => chosen.has(instanceKey(r))), [candidates, chosen]);
  // A resumed promotion's targets are production as config.json says now, not as the scan found them.
  const productionKeys = resume !== undefined ? resume.targets.filter((t) => isProductionTarget(fleet, t)).map((t) => t.key) : targetRows.filter((r) => r.production).map(instanceKey);
  // A production target asks once more (the gate keeps a ref: the second y may come before the frame that asked).
  const gate = useProductionGate(productionKeys.length > 0 ? productionKeys.join(', ') : undefined);

  // Reading: the source's named profiles and groups, and each target's (its own account and region).
  useEffect(() => {
    if (step.kind !== 'reading' || source === undefined) return;
    let live = true;
    void (async () => {
      try {
        const from = await readSide(serviceOf(fleet, source), source.instance!.arn, { names });
        const targets = new Map<string, InstanceSide>();
        await Promise.all(targetRows.map(async (row) => targets.set(instanceKey(row), await readSide(serviceOf(fleet, row), row.instance!.arn, { names }))));
        if (!live) return;
        read.current = { source: from, targets };
        setStep({ kind: 'review' });
      } catch (error) {
        if (live) setStep({ kind: 'error', message: messageOf(error) });
      }
    })();
    return () => {
      live = false;
    };
  }, [step.kind, fleet, source, names, targetRows]);

  const plans: TargetPlan[] = useMemo(() => {
    const got = read.current;
    if (got === undefined || step.kind === 'targets' || step.kind === 'reading') return [];
    return targetRows.map((row) => planFor(got.source, instanceKey(row), row.instance!.arn, got.targets.get(instanceKey(row))!, choices));
  }, [step.kind, targetRows, choices]);
  const blocked = plans.flatMap((p) => p.blocked);
  for (const b of blocked) candidatesOf.current.set(b.path, b.candidates);
  const changing = resume !== undefined ? resume.steps.filter((s) => s.status !== 'done') : plans.flatMap((p) => p.steps).filter((s) => s.action !== 'unchanged');

  const applied = useRef(false);
  const apply = (): void => {
    // Once: a key after the last y can arrive before the progress view replaces the review.
    if (applied.current) return;
    applied.current = true;
    const promotion =
      resume ??
      newPromotion(
        targetOf(source!, instanceKey(source!)),
        names,
        targetRows.map((r) => targetOf(r, instanceKey(r))),
        plans,
      );
    setProgress([...promotion.steps]);
    gate.reset();
    setStep({ kind: 'applying' });
    void runPromotion(promotion, (t) => serviceFor(fleet, t), journalDir, { onStep: () => setProgress([...promotion.steps]) }).then(
      async (steps) => {
        const lines: string[] = [];
        for (const target of promotion.targets) {
          const mine = steps.filter((s) => s.target === target.key);
          const done = mine.filter((s) => s.status === 'done').length;
          const failed = mine.filter((s) => s.status === 'failed');
          lines.push(`${target.key}: ${done} applied${failed.length > 0 ? `, ${failed.length} failed` : ''}${mine.some((s) => s.status === 'sent') ? ', some not confirmed: R on the fleet screen resumes' : ''}`);
          for (const f of failed) lines.push(`  ✗ ${f.action} “${sanitizeLine(f.name)}”: ${sanitizeLine(f.error ?? '')}`);
          lines.push(`  ${await matchesNow(target.key, promotion)}`);
        }
        setStep({ kind: 'done', lines });
      },
      (error: unknown) => setStep({ kind: 'error', message: messageOf(error) }),
    );
  };

  /** Each target read again: does it now hold what the source has? */
  const matchesNow = async (key: string, promotion: Promotion): Promise<string> => {
    const target = promotion.targets.find((t) => t.key === key);
    if (target === undefined) return 'not read again';
    try {
      const from = promotion.source;
      const s = serviceFor(fleet, from);
      const t = serviceFor(fleet, target);
      const [src, dst] = await Promise.all([readSide(s, from.instanceArn, { names: promotion.names }), readSide(t, target.instanceArn, { names: promotion.names })]);
      const again = planFor(src, key, target.instanceArn, dst, choices);
      const left = again.steps.filter((x) => x.action !== 'unchanged').length;
      return left === 0 && again.blocked.length === 0 ? '✓ read again: it matches' : `≠ read again: ${left} profile${left === 1 ? '' : 's'} still differ${again.blocked.length > 0 ? ' (a skipped or mapped field)' : ''}`;
    } catch (error) {
      return `could not read it again: ${messageOf(error)}`;
    }
  };

  useBurstInput((input, key) => {
    if (step.kind === 'targets') {
      if (key.escape) return onClose();
      if (key.upArrow || input === 'k') setCursor((c) => Math.max(0, c - 1));
      if (key.downArrow || input === 'j') setCursor((c) => Math.min(candidates.length - 1, c + 1));
      if (input === ' ') {
        const at = candidates[cursorRef.current];
        const k = at === undefined ? undefined : instanceKey(at);
        if (k !== undefined) setChosen((prev) => (prev.has(k) ? new Set([...prev].filter((x) => x !== k)) : new Set([...prev, k])));
      }
      if (key.return && chosen.size > 0) setStep({ kind: 'reading' });
      return;
    }
    if (step.kind === 'review') {
      if (key.escape) return gate.isArmed ? gate.reset() : resume !== undefined || initialTargets !== undefined ? onClose() : setStep({ kind: 'targets' });
      if (key.downArrow || input === 'j') setScroll((s) => s + 1);
      if (key.upArrow || input === 'k') setScroll((s) => Math.max(0, s - 1));
      const first = blocked[0];
      if (first !== undefined && input === 's') setChoices((c) => [...c.filter((x) => x.path !== first.path), { path: first.path, action: 'skip' }]);
      if (input === 'm') {
        // The first blocked path, else the one mapped last: to the target's next group.
        const mapped = [...choices].reverse().find((c) => c.action === 'map');
        const path = first?.path ?? mapped?.path;
        const paths = path === undefined ? [] : (candidatesOf.current.get(path) ?? []);
        const now = choices.find((c) => c.path === path);
        const next = paths[((now?.action === 'map' ? paths.indexOf(now.to) : -1) + 1) % Math.max(1, paths.length)];
        if (path !== undefined && next !== undefined) setChoices((c) => [...c.filter((x) => x.path !== path), { path, action: 'map', to: next }]);
      }
      if ((input === 'y' || key.return) && blocked.length === 0 && changing.length > 0) {
        gate.pass(apply);
      }
      if ((input === 'y' || key.return) && changing.length === 0 && blocked.length === 0) onClose('Every target already matches; nothing was sent.');
      return;
    }
    if ((step.kind === 'done' || step.kind === 'error') && (key.return || key.escape)) onClose(step.kind === 'done' ? step.lines[0] : step.message);
  }, { isActive: true });

  const title = resume !== undefined ? `Resume the promotion of ${resume.createdAt}: ${resume.steps.filter((s) => s.status === 'done').length} of ${resume.steps.length} steps done` : `Promote ${names.length} profile${names.length === 1 ? '' : 's'} from ${sanitizeLine(source ? instanceKey(source) : '?')}`;
  const lines: PaneLine[] = [];
  if (step.kind === 'targets') {
    lines.push({ text: `Choose the targets (Space), then Enter: ${names.map((n) => `“${sanitizeLine(n)}”`).join(', ')}`, tone: 'heading' });
    candidates.forEach((r, i) => lines.push({ text: `${i === cursor ? '›' : ' '} [${chosen.has(instanceKey(r)) ? 'x' : ' '}] ${sanitizeLine(instanceKey(r))}  ${r.region}  ${r.accountId ?? ''}${r.production ? '  ⚠ PRODUCTION' : ''}`, ...(i === cursor ? { tone: 'selected' as const } : r.production ? { tone: 'warning' as const } : {}) }));
  } else if (step.kind === 'reading') lines.push({ text: `Reading the source and ${targetRows.length} target${targetRows.length === 1 ? '' : 's'}…`, tone: 'muted' });
  else if (step.kind === 'review' && resume !== undefined) {
    for (const s of resume.steps) lines.push({ text: `${s.status.padEnd(7)} ${sanitizeLine(s.target)}: ${s.action} “${sanitizeLine(s.name)}”`, ...(s.status === 'done' ? { tone: 'muted' as const } : {}) });
    lines.push({ text: '' }, { text: 'y sends what is not done yet, with the same client tokens (nothing is applied twice).', tone: 'heading' });
  } else if (step.kind === 'review') {
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
    lines.push({ text: blocked.length > 0 ? `${blocked.length} value${blocked.length === 1 ? '' : 's'} to choose for before anything can be sent.` : changing.length === 0 ? 'Every target already matches.' : `y applies ${changing.length} change${changing.length === 1 ? '' : 's'}. Nothing has been sent yet.`, tone: blocked.length > 0 ? 'error' : 'heading' });
  } else if (step.kind === 'applying' || step.kind === 'done') {
    for (const s of progress) lines.push({ text: `${s.status === 'done' ? '✓' : s.status === 'failed' ? '✗' : s.status === 'sent' ? '…' : ' '} ${sanitizeLine(s.target)}: ${s.action} “${sanitizeLine(s.name)}”${s.error ? ` — ${sanitizeLine(s.error)}` : ''}`, ...(s.status === 'failed' ? { tone: 'error' as const } : s.status === 'done' ? { tone: 'success' as const } : {}) });
    if (step.kind === 'done') {
      lines.push({ text: '' }, { text: 'Summary', tone: 'heading' });
      for (const l of step.lines) lines.push({ text: l, ...(l.includes('✗') || l.includes('≠') ? { tone: 'error' as const } : {}) });
    }
  } else lines.push(...wrapText(`✗ ${sanitizeLine(step.message)}`, width).map((t) => ({ text: t, tone: 'error' as const })));

  // The title, a blank line and the footer around the pane; the production question when asked.
  const room = Math.max(3, height - 3 - (gate.isArmed ? 2 : 0));
  const footer =
    step.kind === 'targets'
      ? PROMOTE_KEYS.filter((k) => ['Space', 'Enter', 'Esc'].includes(k.keys))
      : step.kind === 'review'
        ? PROMOTE_KEYS.filter((k) => (blocked.length > 0 ? ['s', 'm', 'Esc'] : ['y', 'Esc']).includes(k.keys))
        : step.kind === 'applying'
          ? []
          : [{ keys: 'Enter', help: 'close' }];
  return (
    <Box flexDirection="column">
      <ScrollPane title={title} lines={lines} scroll={Math.min(scroll, Math.max(0, lines.length - room))} height={room} />
      {gate.isArmed ? (
        <ProductionProvider label={productionKeys.join(', ')}>
          <ProductionQuestion label={gate.label} what={`apply ${changing.length} change${changing.length === 1 ? '' : 's'}`} />
        </ProductionProvider>
      ) : null}
      <Text {...tone('muted')}> </Text>
      <Footer hints={footer} width={width} />
    </Box>
  );
}

/** Whether a promotion's target is production (its alias is in the key: `profile:alias`). */
function isProductionTarget(fleet: Fleet, target: { key: string; profile: string; instanceArn: string }): boolean {
  const account = fleet.accounts.find((a) => a.profile === target.profile);
  const alias = target.key.slice(target.profile.length + 1);
  return account !== undefined && isProductionInstance(account, { arn: target.instanceArn, id: target.instanceArn.split('/').at(-1) ?? '', alias });
}
