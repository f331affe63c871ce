// YAML that is inert on a terminal and exact as data, for every YAML spex writes (command output, the
// profiles file, CloudFormation templates). Strings holding a character a terminal acts on (C1, DEL,
// bidi controls) or that UTF-8 cannot carry (a lone surrogate) are double-quoted, the one style in which
// \uXXXX is an escape, and written so. Pure.
import YAML from 'yaml';
import { escapeUnsafe, hasLoneSurrogate, hasUnsafe } from './sanitize.js';

/** Plain scalars that YAML 1.1 readers (CloudFormation, cfn-lint) give a meaning: the merge key and the value key. */
const YAML11_SPECIAL = new Set(['<<', '=']);

export interface InertYamlOptions {
  /** '1.1' for readers of YAML 1.1 (CloudFormation): `yes`, `on`, `1:20` and the like are quoted. */
  version?: '1.1' | '1.2';
  lineWidth?: number;
}

/** The document's text: strings that need it double-quoted and escaped, so nothing in them is raw. */
export function inertYamlText(doc: YAML.Document): string {
  YAML.visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (hasUnsafe(node.value) || hasLoneSurrogate(node.value) || YAML11_SPECIAL.has(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return escapeUnsafe(doc.toString({ lineWidth: 0 }));
}

/** `value` as inert YAML. */
export function inertYaml(value: unknown, options: InertYamlOptions = {}): string {
  return inertYamlText(new YAML.Document(value, { version: options.version ?? '1.2' }));
}
