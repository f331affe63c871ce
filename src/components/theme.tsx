// Styles by meaning, not by colour. With NO_COLOR the colours go and the attributes (bold, inverse,
// dim) stay; every coloured thing also carries a marker or a word, so nothing depends on colour.
import { createContext, useContext, type ReactNode } from 'react';

export type Tone = 'normal' | 'accent' | 'muted' | 'heading' | 'error' | 'warning' | 'success' | 'selected' | 'marked';

export interface ToneStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

const STYLES = {
  normal: {},
  accent: { color: 'cyan' },
  muted: { dimColor: true },
  heading: { bold: true },
  error: { color: 'red', bold: true },
  warning: { color: 'yellow' },
  success: { color: 'green' },
  selected: { inverse: true },
  marked: { color: 'magenta', bold: true },
} satisfies Record<Tone, ToneStyle>;

export function toneStyle(tone: Tone, isColor: boolean): ToneStyle {
  const style: ToneStyle = STYLES[tone];
  if (isColor || style.color === undefined) return style;
  const { color: _color, ...rest } = style;
  return rest;
}

const ThemeContext = createContext<boolean>(true);

export function ThemeProvider({ isColor, children }: { readonly isColor: boolean; readonly children: ReactNode }) {
  return <ThemeContext.Provider value={isColor}>{children}</ThemeContext.Provider>;
}

/** `tone('error')` → Text props for the current colour setting. */
export function useTone(): (tone: Tone) => ToneStyle {
  const isColor = useContext(ThemeContext);
  return (tone) => toneStyle(tone, isColor);
}
