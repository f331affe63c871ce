// Server-provided text (names, descriptions, tags, status messages) is untrusted: a profile description
// could clear the screen, move the cursor, write to the clipboard (OSC 52), plant a hyperlink (OSC 8) or
// reverse text with bidi overrides so that one name looks like another. Everything shown in the TUI or in
// `--output table` goes through here first. A scanner rather than one regex, because the sequences nest
// (ESC inside an OSC string), have several terminators and have 7-bit and 8-bit (C1) introducers.

export interface SanitizeOptions {
  /** What to do with line breaks (\n, \r\n, lone \r, U+2028/U+2029): keep as \n, or turn into a space. */
  newlines?: 'keep' | 'space';
  /** What to do with \t: keep, or turn into a space (a tab's width is unknowable in a table cell). */
  tabs?: 'keep' | 'space';
  /** Longest text shown: the rest is cut, with `…` (default DISPLAY_MAX; the data keeps the whole). */
  maxLength?: number;
}

/** What a removed run of controls or invisible characters is shown as, so a reader sees something was there. */
export const REMOVED_MARK = '\uFFFD';
/**
 * The longest server text spex shows: a 1,000,000-character name would otherwise be measured, wrapped
 * and diffed on every frame (the TUI froze on it). One-line places cut far shorter (LINE_MAX).
 */
export const DISPLAY_MAX = 10_000;
export const LINE_MAX = 1_000;

const ESC = 0x1b;
const BEL = 0x07;
const C1_ST = 0x9c;

/**
 * Invisible or direction-changing characters that can make two different strings look the same, or
 * make text display in a different order than it is stored (Trojan Source, CVE-2021-42574).
 * Zero-width joiner/non-joiner (U+200C/U+200D) are kept: emoji sequences and several scripts need them.
 */
const INVISIBLE = '[\\u00AD\\u061C\\u115F\\u1160\\u180E\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB]|\\uDB40[\\uDC00-\\uDC7F]';
const INVISIBLE_RUN_RE = new RegExp(`(?:${INVISIBLE})+`, 'g');
/** Two marks side by side (a control next to an invisible character) read as one. */
const MARK_RUN_RE = /\uFFFD{2,}/g;

/** Lone surrogates cannot be printed; replacing them keeps the output valid UTF-16 (and idempotent). */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isCsiParamOrIntermediate(c: number): boolean {
  return c >= 0x20 && c <= 0x3f;
}

/** Index just past a CSI sequence whose parameters start at `i`. */
function skipCsi(s: string, i: number): number {
  let j = i;
  while (j < s.length && isCsiParamOrIntermediate(s.charCodeAt(j))) j++;
  // A final byte ends the sequence; anything else aborts it (terminals do the same) and is kept.
  if (j < s.length) {
    const c = s.charCodeAt(j);
    if (c >= 0x40 && c <= 0x7e) return j + 1;
  }
  return j;
}

/**
 * Index just past a control string (OSC, DCS, SOS, PM, APC) whose body starts at `i`: it ends at ST
 * (ESC \ or 8-bit 0x9c) or BEL (xterm accepts BEL for OSC; accepting it for all is the safe side).
 * An unterminated string swallows the rest of the text, as a terminal would.
 */
function skipString(s: string, i: number): number {
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === BEL || c === C1_ST) return j + 1;
    // ESC \ is ST; any other ESC aborts the string and starts a new sequence, which the caller strips.
    if (c === ESC) return s.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
    j++;
  }
  return j;
}

/** Index just past an escape sequence that starts with ESC at `i`. */
function skipEscape(s: string, i: number): number {
  const next = s.charCodeAt(i + 1);
  if (Number.isNaN(next)) return i + 1;
  if (next === 0x5b) return skipCsi(s, i + 2); // ESC [
  // ESC ] (OSC), ESC P (DCS), ESC X (SOS), ESC ^ (PM), ESC _ (APC)
  if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) return skipString(s, i + 2);
  // nF sequences: intermediates 0x20–0x2f then one final byte (ESC ( B, ESC # 8 …).
  let j = i + 1;
  while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
  const final = s.charCodeAt(j);
  // Fp/Fe/Fs finals (ESC 7, ESC c, ESC M …) are 0x30–0x7e; anything else: drop the ESC alone.
  if (final >= 0x30 && final <= 0x7e) return j + 1;
  return j;
}

/** Strips terminal control sequences, C0/C1 controls and spoofing characters from `s`. */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  const newline = options.newlines === 'space' ? ' ' : '\n';
  const tab = options.tabs === 'keep' ? '\t' : ' ';
  const max = options.maxLength ?? DISPLAY_MAX;
  const cut = text.length > max;
  const s = cut ? text.slice(0, max) : text;
  let out = '';
  // A run of removed characters shows as one mark: "a\x1b[2Jb" reads "a�b".
  let removed = false;
  const mark = (): void => {
    if (!removed) out += REMOVED_MARK;
    removed = true;
  };
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      // Fast path for runs of printable ASCII.
      let j = i + 1;
      while (j < s.length) {
        const d = s.charCodeAt(j);
        if (d < 0x20 || d >= 0x7f) break;
        j++;
      }
      out += s.slice(i, j);
      removed = false;
      i = j;
      continue;
    }
    if (c === ESC) {
      i = skipEscape(s, i);
      mark();
      continue;
    }
    if (c === 0x9b) {
      i = skipCsi(s, i + 1); // 8-bit CSI
      mark();
      continue;
    }
    if (c === 0x9d || c === 0x90 || c === 0x98 || c === 0x9e || c === 0x9f) {
      i = skipString(s, i + 1); // 8-bit OSC, DCS, SOS, PM, APC
      mark();
      continue;
    }
    if (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      i++; // other C0 controls
      mark();
      continue;
    }
    if (c >= 0x7f && c <= 0x9f) {
      i++; // DEL, remaining C1 controls
      mark();
      continue;
    }
    removed = false;
    if (c === 0x0a || c === 0x2028 || c === 0x2029) {
      out += newline;
      i++;
    } else if (c === 0x0d) {
      out += newline;
      i += s.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    } else if (c === 0x09) {
      out += tab;
      i++;
    } else {
      out += s[i];
      i++;
    }
  }
  // Surrogates first: once every surrogate is paired, removing invisible characters cannot pair up new
  // ones, so a second pass finds nothing to do. Each run of invisible characters becomes one mark.
  const clean = out.replace(LONE_SURROGATE_RE, '\uFFFD').replace(INVISIBLE_RUN_RE, REMOVED_MARK).replace(MARK_RUN_RE, REMOVED_MARK);
  return cut ? `${clean}…` : clean;
}

/** A whole block spex composed for a terminal (a table, a plan, stderr): lines and tabs kept, never cut. */
export function sanitizeBlock(s: string): string {
  return sanitizeText(s, { newlines: 'keep', tabs: 'keep', maxLength: Number.POSITIVE_INFINITY });
}

/** Whether `text` holds a UTF-16 surrogate without its pair (UTF-8 formats cannot carry one). */
export function hasLoneSurrogate(text: string): boolean {
  return new RegExp(LONE_SURROGATE_RE.source).test(text);
}

/** `text` with each lone surrogate replaced by U+FFFD. */
export function replaceLoneSurrogates(text: string): string {
  return text.replace(LONE_SURROGATE_RE, '\uFFFD');
}

/** For one-line places (table cells, headers, status lines): line breaks and tabs become spaces. */
export function sanitizeLine(s: string): string {
  return sanitizeText(s, { newlines: 'space', tabs: 'space', maxLength: LINE_MAX });
}

/**
 * What JSON.stringify and YAML leave raw although a terminal acts on it: DEL and C1 controls (0x9b is
 * CSI), bidi overrides and invisible format characters, line and paragraph separators. Machine output
 * (JSON, YAML, SARIF, HCL) writes them as \uXXXX, which every one of those formats reads back exactly.
 */
export const DATA_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** `text` with the characters above written as \uXXXX escapes (only for places where that is an escape). */
export function escapeUnsafe(text: string): string {
  return text.replace(DATA_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether `text` holds a character that machine output must escape. */
export function hasUnsafe(text: string): boolean {
  return new RegExp(DATA_UNSAFE.source).test(text);
}

/** JSON that is inert on a terminal and exact as data: JSON.stringify escapes C0, this the rest. */
export function inertJson(value: unknown, indent?: number): string {
  return escapeUnsafe(JSON.stringify(value, null, indent));
}

/**
 * `text` as one POSIX shell word, for hints meant to be pasted: single quotes, nothing inside expands
 * (`$(…)`, backticks, `!`); a single quote is closed, escaped and reopened. Sanitised first, so the
 * hint is safe on the terminal too.
 */
export function shellQuote(text: string): string {
  const clean = sanitizeLine(text);
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(clean) ? clean : `'${clean.replace(/'/g, `'\\''`)}'`;
}

/** The words of a command line spex wrote with `shellQuote` (single quotes, `'\''` for a quote): its argv. */
export function shellWords(command: string): string[] {
  return [...command.matchAll(/(?:'[^']*'|\\'|[^\s'\\]+)+/g)].map((m) => m[0].replace(/'([^']*)'|\\(')/g, (_all, quoted: string | undefined, quote: string | undefined) => quoted ?? quote ?? ''));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with every string (and every object key) sanitised, for whole models from the
 * server. Non-plain objects (Dates, class instances) are returned as they are.
 */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === 'string') return sanitizeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => sanitizeDeep(item)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, not assignment: a hostile `__proto__` key must stay data, not become a prototype.
      Object.defineProperty(out, sanitizeText(key), { value: sanitizeDeep(item), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return value;
}

/** SGR (colour and style): the one escape sequence a frame line of the TUI carries on purpose. */
const SGR = /\u001B\[[0-9;:]*m/g;
/** Any CSI sequence (7-bit): Ink's own cursor moves, erasures and modes. */
const CSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;

function keepOnly(text: string, kept: RegExp): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(kept)) {
    out += sanitizeBlock(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + sanitizeBlock(text.slice(last));
}

/**
 * The last line of defence before the terminal, for a line of a TUI frame: its SGR colours stay, and
 * everything else a terminal would act on (OSC 52 clipboard writes, titles, hyperlinks, cursor moves,
 * C1 controls, bidi overrides) is removed, whichever component forgot to sanitise the text it showed.
 */
export function inertFrameLine(line: string): string {
  return keepOnly(line, SGR);
}

/** The same for what Ink writes outside a frame: its CSI sequences stay (cursor, erase, modes), no string or C1 control does. */
export function inertTerminalWrite(text: string): string {
  return keepOnly(text, CSI);
}
