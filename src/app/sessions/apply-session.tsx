// `A` in the profile table: a profiles file's plan in a review, applied from there. The path is typed
// (the shell's keys edit it); Enter reads and checks the file and plans it against this instance
// (every detail through the loader); the review shows each change in console words; y applies it as
// `spex apply` does: guarded updates, a client token per step, then the list is read again.
import { Box, Text } from 'ink';
import { useInput } from '../../components/input-gate.js';
import { useState } from 'react';
import type { DetailLoader, RegionService } from '../../aws/types.js';
import { readBoundedText } from '../../io.js';
import { parseProfilesDocument, planSteps, stepToken, type PlanStep } from '../../domain/as-code/profiles-plan.js';
import { Footer } from '../../components/footer.js';
import type { PaneLine } from '../../components/pane-lines.js';
import { wrapText } from '../../components/pane-lines.js';
import { ScrollPane } from '../../components/scroll-pane.js';
import { useTone } from '../../components/theme.js';
import { sanitizeLine } from '../../domain/text/sanitize.js';
import type { ConnectInstance } from '../../domain/profile/security-profile.js';
import { lastExportPath } from '../../hooks/use-export.js';
import type { KeyState } from '../../keys/keymap.js';
import { PathPrompt } from './path-prompt.js';
import { basename } from 'node:path';
import { loggedService } from '../../hooks/log-operation.js';
import { runJournal } from '../../fleet/journal.js';
import { applyBatch, sendPlanStep } from '../../fleet/plan-step.js';
import type { OperationLog } from '../../state/operation-log.js';
import { useProductionGate } from '../../hooks/production.js';
import { ProductionQuestion } from '../../components/production-question.js';

export interface ApplySessionProps {
  readonly service: RegionService;
  readonly loader: DetailLoader | undefined;
  readonly instance: ConnectInstance;
  /** Every profile listed in the instance (their details come through the loader). */
  readonly arns: readonly string[];
  readonly isActive: boolean;
  readonly width: number;
  readonly height: number;
  readonly onClose: () => void;
  /** Something was applied: the shell reads the list again. */
  readonly onApplied: (summary: string) => void;
  /** Where `X` writes its exports, to offer the last one (default: the working directory). */
  readonly dir?: string;
  /** This session's requests (the operations view marks these as part of the apply). */
  readonly log?: OperationLog;
}

type Step =
  | { kind: 'path' }
  | { kind: 'planning' }
  | { kind: 'review'; steps: PlanStep[] }
  | { kind: 'applying'; steps: PlanStep[]; done: number; failed: string[] }
  | { kind: 'error'; message: string };

export function ApplySession({ service, loader, instance, arns, isActive, width, height, onClose, onApplied, dir, log }: ApplySessionProps) {
  const tone = useTone();
  const [step, setStep] = useState<Step>({ kind: 'path' });
  const gate = useProductionGate();
  // The path as last typed: a failed read goes back to it.
  const [path, setPath] = useState(() => lastExportPath(instance, dir ?? process.cwd()));
  const [scroll, setScroll] = useState(0);

  const plan = async (path: string): Promise<void> => {
    setStep({ kind: 'planning' });
    try {
      const { file, locate } = parseProfilesDocument(await readBoundedText(path), path);
      if (loader === undefined) throw new Error('the profiles are not listed yet');
      const [current, groups] = await Promise.all([Promise.all(arns.map((a) => loader.load(a))), service.listHierarchyGroups(instance.arn).catch(() => [])]);
      const { steps, problems } = planSteps(file, instance.arn, current, groups, false, { locate });
      if (problems.length > 0) setStep({ kind: 'error', message: `The plan cannot be made; nothing would be sent: ${problems.join('; ')}` });
      else setStep({ kind: 'review', steps });
    } catch (error) {
      setStep({ kind: 'error', message: (error as Error).message });
    }
  };

  const apply = async (steps: PlanStep[]): Promise<void> => {
    const changing = steps.filter((s) => s.action !== 'unchanged');
    const sending = loggedService(service, log, `apply ${basename(path)}`);
    const failed: string[] = [];
    let done = 0;
    setStep({ kind: 'applying', steps: changing, done, failed });
    // On the batch engine, as spex apply: one step after another, each with its plan's client token.
    await runJournal(applyBatch(instance.arn, changing), {
      dir: undefined,
      execute: async ({ step: s }) => {
        const outcome = await sendPlanStep(sending, s, stepToken(instance.arn, s)).done;
        if (!outcome.ok) failed.push(`${s.action} “${sanitizeLine(s.name)}”: ${sanitizeLine(outcome.error.message)}`);
        setStep({ kind: 'applying', steps: changing, done: ++done, failed: [...failed] });
        return outcome.ok ? { status: 'done' } : { status: 'failed', error: outcome.error.message };
      },
    });
    onApplied(failed.length === 0 ? `Applied ${changing.length} change${changing.length === 1 ? '' : 's'} from the file` : `${failed.length} of ${changing.length} changes failed: ${failed[0]}`);
  };

  useInput(
    (input: string, key: KeyState) => {
      // The path is PathPrompt's.
      if (step.kind === 'path') return;
      if (step.kind === 'review') {
        if (key.escape && gate.isArmed) return gate.reset();
        if (key.escape || input === 'n') return onClose();
        const changing = step.steps.some((s) => s.action !== 'unchanged');
        if (input === 'y' || key.return) return changing ? gate.pass(() => void apply(step.steps)) : onClose();
        if (key.downArrow || input === 'j') setScroll((s) => s + 1);
        if (key.upArrow || input === 'k') setScroll((s) => Math.max(0, s - 1));
        return;
      }
      // A failed read or plan keeps the path typed: Enter goes back to it to correct it.
      if (step.kind === 'error' && key.return) setStep({ kind: 'path' });
      else if (step.kind === 'error' && key.escape) onClose();
    },
    { isActive },
  );

  if (step.kind === 'path') {
    return (
      <PathPrompt
        title={`Apply a profiles file to ${instance.alias ?? instance.id}`}
        initial={path}
        placeholder="path to a spex profiles file (spex export, or X, writes one)"
        note="Enter reads it and shows the plan; nothing is sent before you confirm it. Tab completes the path."
        isActive={isActive}
        onCancel={onClose}
        onSubmit={(typed) => {
          setPath(typed);
          void plan(typed);
        }}
      />
    );
  }
  if (step.kind === 'planning') return <Text>Reading the file and every profile of the instance…</Text>;
  if (step.kind === 'error') {
    return (
      <Box flexDirection="column">
        {wrapText(`✗ ${sanitizeLine(step.message)}`, width).map((l, i) => (
          <Text key={i} {...tone('error')}>
            {l}
          </Text>
        ))}
        <Footer hints={[{ keys: 'Enter', help: 'back to the path (as typed)' }, { keys: 'Esc', help: 'close' }]} />
      </Box>
    );
  }
  const lines: PaneLine[] = [];
  const shown = step.kind === 'review' ? step.steps.filter((s) => s.action !== 'unchanged') : step.steps;
  for (const s of shown) {
    lines.push({ text: `${s.action === 'create' ? '+ create' : s.action === 'delete' ? '− delete' : '~ update'} “${sanitizeLine(s.name)}”`, tone: 'heading' });
    for (const c of s.changes) for (const l of wrapText(c, width - 6)) lines.push({ text: `    ${l}` });
  }
  if (shown.length === 0) lines.push({ text: 'Nothing to do: the instance matches the file.', tone: 'muted' });
  if (step.kind === 'applying') {
    lines.push({ text: '' }, { text: `Applied ${step.done} of ${step.steps.length}${step.failed.length ? ` · ${step.failed.length} failed` : ''}`, tone: step.failed.length ? 'error' : 'success' });
    for (const f of step.failed) lines.push({ text: `  ✗ ${f}`, tone: 'error' });
  }
  return (
    <Box flexDirection="column">
      <ScrollPane title={step.kind === 'review' ? 'Review the plan (nothing has been sent yet)' : 'Applying the plan'} lines={lines} scroll={Math.min(scroll, Math.max(0, lines.length - 1))} height={Math.max(3, height - (gate.isArmed ? 3 : 1))} />
      {gate.isArmed && step.kind === 'review' ? <ProductionQuestion label={gate.label} what="apply this plan" /> : null}
      {step.kind === 'review' ? <Footer hints={shown.length > 0 ? [{ keys: 'y', help: 'apply' }, { keys: 'Esc', help: 'cancel' }] : [{ keys: 'Esc', help: 'close' }]} /> : null}
    </Box>
  );
}
