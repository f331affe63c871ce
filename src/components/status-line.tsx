// The line above the footer: a notice, the filter being typed, or the details prefetch progress.
import { Text } from 'ink';
import { memo } from 'react';
import stringWidth from 'string-width';
import { progressBar } from './progress-bar.js';
import { useTone } from './theme.js';

export interface StatusLineProps {
  readonly notice?: { text: string; tone: 'info' | 'error' } | undefined;
  /** The filter text and whether it is being typed. */
  readonly filter?: { text: string; isEditing: boolean } | undefined;
  readonly progress?: { done: number; total: number } | undefined;
  /** "about 30 s left at AWS's 2 requests/s" for the details still to load, when spex is paced. */
  readonly timeLeft?: ((remaining: number) => string | undefined) | undefined;
  /** A quiet note shown after the rest (e.g. how many names are not loaded yet). */
  readonly hint?: string | undefined;
  readonly columns: number;
}

/** The lines a notice needs at a width: one, or two when it does not fit (never more: the rest is cut). */
export function noticeLines(notice: { text: string } | undefined, columns: number): 1 | 2 {
  return notice !== undefined && stringWidth(notice.text) + 2 > columns ? 2 : 1;
}

function StatusLineView({ notice, filter, progress, timeLeft, hint, columns }: StatusLineProps) {
  const tone = useTone();
  if (notice !== undefined) {
    // A notice is the point of the line: one too long for it wraps onto a second (the shell makes room).
    return (
      <Text wrap={noticeLines(notice, columns) > 1 ? 'wrap' : 'truncate-end'} {...tone(notice.tone === 'error' ? 'error' : 'accent')}>
        {notice.tone === 'error' ? '✗ ' : 'ℹ '}
        {notice.text}
      </Text>
    );
  }
  const parts: string[] = [];
  if (filter !== undefined && (filter.isEditing || filter.text !== '')) {
    parts.push(`/${filter.text}${filter.isEditing ? '▏' : ''}`);
  }
  if (progress !== undefined && progress.done < progress.total) {
    const room = Math.max(16, Math.min(40, columns - 24 - (parts[0]?.length ?? 0)));
    const left = timeLeft?.(progress.total - progress.done);
    parts.push(`loading details ${progressBar(progress.done, progress.total, room)}${left ? ` · ${left}` : ''}`);
  }
  if (hint !== undefined) parts.push(`ℹ ${hint}`);
  return <Text wrap="truncate-end">{parts.length > 0 ? parts.join('   ') : ' '}</Text>;
}

function sameStatus(a: StatusLineProps, b: StatusLineProps): boolean {
  return (
    a.columns === b.columns &&
    a.notice?.text === b.notice?.text &&
    a.notice?.tone === b.notice?.tone &&
    a.filter?.text === b.filter?.text &&
    a.filter?.isEditing === b.filter?.isEditing &&
    a.progress?.done === b.progress?.done &&
    a.progress?.total === b.progress?.total &&
    a.hint === b.hint
  );
}

/** Re-rendered only when what it shows changes (its props are new objects on every render). */
export const StatusLine = memo(StatusLineView, sameStatus);
