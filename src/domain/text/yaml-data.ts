// YAML (and JSON, which YAML reads) as data only: a profiles file or a --from-file profile can come
// from anyone (a pull request, a CI job), so nothing in it may become more than plain strings, numbers,
// booleans, lists and maps. Custom tags (`!Ref`, `!!binary`, `!!set`, `!!js/function`-like) are refused,
// and anchors may not expand into a "billion laughs" that takes the machine's memory. Pure.
import YAML, { isAlias, isNode } from 'yaml';
import { lineColumn } from './format.js';

/** The most aliases a file may hold: a generous handful for a hand-written file, far below an expansion attack. */
export const MAX_ALIASES = 100;

/** The tags whose values are plain data (YAML 1.2's core schema); any other explicit tag is refused. */
const DATA_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

export class YamlDataError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** The parsed document and its value, or a YamlDataError naming the line and column of the first problem. */
export function parseYamlData(text: string): { doc: YAML.Document.Parsed; value: unknown } {
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    throw new YamlDataError(pos?.line ?? 1, pos?.col ?? 1, first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  }
  const at = (offset: number | undefined): { line: number; column: number } => lineColumn(text, offset ?? 0);
  let aliases = 0;
  let firstAlias: number | undefined;
  let refused: { offset: number | undefined; tag: string } | undefined;
  YAML.visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        aliases += 1;
        firstAlias ??= node.range?.[0];
        return undefined;
      }
      if (isNode(node) && node.tag !== undefined && !DATA_TAGS.has(node.tag)) {
        refused = { offset: node.range?.[0], tag: node.tag };
        return YAML.visit.BREAK;
      }
      return undefined;
    },
  });
  if (refused !== undefined) {
    // The node's range starts at its value; the tag stands just before it on the same line.
    const start = refused.offset ?? 0;
    let bang = text.lastIndexOf('!', start);
    while (bang > 0 && text[bang - 1] === '!') bang -= 1;
    const { line, column } = at(bang >= 0 && !text.slice(bang, start).includes('\n') ? bang : start);
    throw new YamlDataError(line, column, `the tag ${refused.tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not allowed: a profiles file holds plain values only (strings, numbers, true/false, lists and maps)`);
  }
  const aliasError = (): YamlDataError => {
    const { line, column } = at(firstAlias);
    return new YamlDataError(line, column, `anchors and aliases would expand beyond the limit (${MAX_ALIASES} aliases): write the values out`);
  };
  if (aliases > MAX_ALIASES) throw aliasError();
  try {
    return { doc, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown };
  } catch (error) {
    // The library's own guard against expansion ("Excessive alias count …"), which knows no line.
    if (error instanceof ReferenceError) throw aliasError();
    throw error;
  }
}
