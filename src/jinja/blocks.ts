import { materializationMacroName } from '../plan/materialization';
/**
 * dbt's own block tags, turned into what nunjucks understands before compiling, keeping every newline so that line
 * numbers still point into the user's file:
 * - `{% test name(args) %}...{% endtest %}` becomes the macro `test_name` (generic tests);
 * - `{% docs name %}...{% enddocs %}` is lifted out into `docs` (for `doc('name')`);
 * - `{% materialization name, adapter='x' %}` becomes the macro `materialization_name_x`.
 * Block tags inside `{# comments #}` are not seen (see blankComments).
 */
export interface ExtractedBlocks {
  template: string;
  docs: Map<string, { contents: string; line: number }>;
}

const DOCS_BLOCK = /{%-?\s*docs\s+([A-Za-z_][\w]*)\s*-?%}([\s\S]*?){%-?\s*enddocs\s*-?%}/g;
const TEST_OPEN = /{%(-?)\s*test\s+([A-Za-z_]\w*)\s*\(/g;
const TEST_CLOSE = /{%(-?)\s*endtest\s*(-?)%}/g;
// `{% materialization name[, default][, adapter='x'][, supported_languages=[...]] %}`: the adapter is 'default' unless named.
const MATERIALIZATION_OPEN =
  /{%(-?)\s*materialization\s+([A-Za-z_]\w*)((?:\s*,\s*(?:default|adapter\s*=\s*(?:'\w+'|"\w+")|supported_languages\s*=\s*\[[^\]]*\]))*)\s*(-?)%}/g;
const ADAPTER_ARGUMENT = /adapter\s*=\s*['"](\w+)['"]/;
const MATERIALIZATION_CLOSE = /{%(-?)\s*endmaterialization\s*(-?)%}/g;

export function extractBlocks(text: string): ExtractedBlocks {
  const source = blankComments(text);
  const docs = new Map<string, { contents: string; line: number }>();
  let template = source.replace(DOCS_BLOCK, (whole, name: string, contents: string, offset: number) => {
    // The contents as written (blanking keeps offsets), comments included: they end where `{% enddocs %}` starts.
    const end = offset + whole.search(/{%-?\s*enddocs\s*-?%}$/);
    docs.set(name, {
      contents: text.slice(end - contents.length, end).trim(),
      line: source.slice(0, offset).split('\n').length,
    });
    return '\n'.repeat(whole.split('\n').length - 1);
  });
  if (template.includes('test')) {
    template = template
      .replace(TEST_OPEN, (_w, dash: string, name: string) => `{%${dash} macro test_${name}(`)
      .replace(TEST_CLOSE, (_w, a: string, b: string) => `{%${a} endmacro ${b}%}`);
  }
  if (template.includes('materialization')) {
    template = template
      .replace(MATERIALIZATION_OPEN, (_w, a: string, name: string, args: string, b: string) => {
        const adapter = ADAPTER_ARGUMENT.exec(args)?.[1] ?? 'default';
        return `{%${a} macro ${materializationMacroName(name, adapter)}() ${b}%}`;
      })
      .replace(MATERIALIZATION_CLOSE, (_w, a: string, b: string) => `{%${a} endmacro ${b}%}`);
  }
  return { template, docs };
}

const TAG_END: Record<string, string> = { '{{': '}}', '{%': '%}' };
const RAW_BLOCK = /^{%-?\s*raw\s*-?%}/;
const RAW_END = /{%-?\s*endraw\s*-?%}/g;

/**
 * The source with the text of every `{# comment #}` blanked (spaces, newlines kept, same length), so that dbt's block tags
 * (`{% docs %}`, `{% macro %}`, `{% snapshot %}`...) inside comments are ignored, as Jinja2 ignores them. Comment
 * delimiters, whitespace control (`{#-`, `-#}`), offsets and line numbers stay. `{#` inside a string of a tag or inside a
 * raw block is not a comment.
 */
export function blankComments(source: string): string {
  if (!source.includes('{#')) return source;
  let result = '';
  let copied = 0;
  let i = source.indexOf('{');
  while (i >= 0 && i < source.length - 1) {
    const opener = source.slice(i, i + 2);
    let next = i + 1;
    if (opener === '{#') {
      const end = source.indexOf('#}', i + 2);
      if (end < 0) break;
      const inner = source.slice(i + 2, end);
      const blank = inner.replace(/[^\n]/g, ' ');
      const keep =
        inner.length > 1
          ? inner[0] === '-'
            ? '-' + blank.slice(1, -1) + (inner.endsWith('-') ? '-' : ' ')
            : blank.slice(0, -1) + (inner.endsWith('-') ? '-' : ' ')
          : inner;
      result += source.slice(copied, i + 2) + keep;
      copied = end;
      next = end + 2;
    } else if (opener === '{%' && RAW_BLOCK.test(source.slice(i, i + 40))) {
      RAW_END.lastIndex = i;
      const end = RAW_END.exec(source);
      next = end ? end.index + end[0].length : source.length;
    } else if (TAG_END[opener]) {
      next = endOfTag(source, i + 2, TAG_END[opener]);
    }
    i = source.indexOf('{', next);
  }
  return copied === 0 ? source : result + source.slice(copied);
}

/** Where a `{{ ... }}` or `{% ... %}` tag ends, skipping string literals that may hold the closing characters. */
function endOfTag(source: string, from: number, close: string): number {
  for (let i = from; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'") {
      for (i++; i < source.length && source[i] !== ch; i++) if (source[i] === '\\') i++;
    } else if (ch === close[0] && source[i + 1] === close[1]) {
      return i + 2;
    }
  }
  return source.length;
}
