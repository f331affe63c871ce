// The review before anything is sent: the change in the console's words, the implied Views, and on
// `p` exactly what goes over the wire. `y`/Enter sends; Esc goes back to the editor, draft intact.
import { linesShown } from '../../state/selectors.js';
import { burstOf } from '../../keys/burst.js';
import { helpText, type KeyState } from '../../keys/keymap.js';
import { Box, Text } from 'ink';
import { useInput } from '../input-gate.js';
import { useMemo, useRef, useState } from 'react';
import type { AiAgentInfo } from '../../domain/access/ai-agents.js';
import type { SecurityProfile, SecurityProfileDraft } from '../../domain/profile/security-profile.js';
import { EDITOR_MODE_TITLES, editorFooterHints, editorHelpEntries, resolveEditorCommand } from '../../keys/editor-keys.js';
import type { EditorMode } from '../../state/editor/editor-state.js';
import { buildReview, type ReachInput } from './review-lines.js';
import { motionOfCommand, scrollPane } from '../../state/motion.js';
import { Footer } from '../footer.js';
import { ScrollPane } from '../scroll-pane.js';
import { useTone } from '../theme.js';
import { NO_PRODUCTION_GATE, type ProductionGate, ProductionQuestion } from '../production-question.js';

export interface ReviewScreenProps {
  readonly mode: EditorMode;
  /** The saved profile being edited; undefined for create and clone. */
  readonly original: SecurityProfile | undefined;
  readonly draft: SecurityProfileDraft;
  /** After a rebase: properties both sides changed (the draft's value was kept). */
  readonly conflicts?: readonly string[];
  /** Who the change reaches (edit). */
  readonly reach?: ReachInput;
  /** Where a profile Cloud Control refuses is saved: through the Connect API, or nowhere. */
  readonly route?: 'cloud-control' | 'connect';
  /** The instance's AI agents: the allowed ones are named in the change. */
  readonly aiAgents?: readonly AiAgentInfo[];
  readonly isActive: boolean;
  /** Rows and columns the view may use (from the shell's layout: views never measure the terminal). */
  readonly height: number;
  readonly width: number;
  readonly showHints?: boolean;
  /** Production's second question (hooks/production.tsx#useProductionGate). */
  readonly gate?: ProductionGate;
  readonly onConfirm: () => void;
  readonly onBack: () => void;
}

export function ReviewScreen({ mode, original, draft, conflicts, reach, route, aiAgents, isActive, height, width, showHints, gate = NO_PRODUCTION_GATE, onConfirm, onBack }: ReviewScreenProps) {
  const tone = useTone();
  const total = Math.max(6, height);
  const [showRequest, setShowRequest] = useState(false);
  const [scroll, setScroll] = useState(0);
  const [refused, setRefused] = useState(false);
  const [isHelp, setHelp] = useState(false);
  const confirmed = useRef(false);
  const review = useMemo(
    () => buildReview({ mode, original, draft, showRequest, ...(conflicts ? { conflicts } : {}), ...(reach ? { reach } : {}), ...(route ? { route } : {}), ...(aiAgents ? { aiAgents } : {}), width }),
    [mode, original, draft, showRequest, conflicts, reach, route, aiAgents, width],
  );
  const paneHeight = total - (showHints === false ? 2 : 3);

  const onKey = (input: string, key: KeyState): void => {
      if (isHelp) {
        if (key.escape || input === '?') setHelp(false);
        return;
      }
      const command = resolveEditorCommand('review', input, key);
      // Keys typed faster than they are read ("pG") arrive together: each in turn.
      const burst = command === undefined ? burstOf(input, key) : undefined;
      if (burst !== undefined) {
        for (const k of burst) onKey(k.input, k.key);
        return;
      }
      const motion = motionOfCommand(command);
      if (motion) setScroll((s) => scrollPane(s, motion, review.lines.length, paneHeight));
      else if (command === 'review.toggle-patch') setShowRequest((v) => !v);
      else if (command === 'review.help') setHelp(true);
      else if (command === 'review.back') {
        if (gate.isArmed) gate.reset();
        else onBack();
      } else if (command === 'review.confirm') {
        if (!review.canConfirm) setRefused(true);
        else if (!confirmed.current) {
          gate.pass(() => {
            // Once: a second y/Enter can arrive before this screen is redrawn away, and sending the
            // change again would be refused as someone else's (its guards no longer match).
            confirmed.current = true;
            onConfirm();
          });
        }
      }
  };
  useInput(onKey, { isActive });

  if (isHelp) {
    // This screen's keys only, titled with it, from the same table as the behaviour.
    const entries = editorHelpEntries('review');
    return (
      <Box flexDirection="column">
        <ScrollPane title={`Keys — ${EDITOR_MODE_TITLES.review} (Esc or ? closes)`} lines={helpText(entries, width ?? 100).map((text) => ({ text }))} scroll={0} height={paneHeight + 1} />
        <Footer hints={[{ keys: 'Esc', help: 'close' }]} width={width} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column">
      <ScrollPane title={mode === 'edit' ? 'Review the change' : 'Review the new profile'} lines={review.lines} scroll={scroll} height={paneHeight} />
      {gate.isArmed ? (
        <ProductionQuestion label={gate.label} what={mode === 'edit' ? 'save this change' : 'create this profile'} />
      ) : (
        <Text wrap="truncate-end" {...(refused ? tone('error') : tone('muted'))}>
          {refused ? '✗ Nothing to send: go back (Esc) and change something' : review.canConfirm ? 'Nothing has been sent yet.' : 'Nothing to send.'}
        </Text>
      )}
      {showHints === false ? null : <Footer hints={editorFooterHints('review')} counter={linesShown(Math.min(scroll, Math.max(0, review.lines.length - paneHeight)), paneHeight, review.lines.length)} width={width} />}
    </Box>
  );
}
