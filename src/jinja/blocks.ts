/**
 * dbt's own block tags, turned into what nunjucks understands before compiling, keeping every newline so that line
 * numbers still point into the user's file:
 * - `{% test name(args) %}...{% endtest %}` becomes the macro `test_name` (generic tests);
 * - `{% docs name %}...{% enddocs %}` is lifted out into `docs` (for `doc('name')`);
 * - `{% materialization name, adapter='x' %}` becomes the macro `materialization_name_x`.
 */
export interface ExtractedBlocks {
  template: string;
  docs: Map<string, { contents: string; line: number }>;
}

const DOCS_BLOCK = /{%-?\s*docs\s+([A-Za-z_][\w]*)\s*-?%}([\s\S]*?){%-?\s*enddocs\s*-?%}/g;
const TEST_OPEN = /{%(-?)\s*test\s+([A-Za-z_]\w*)\s*\(/g;
const TEST_CLOSE = /{%(-?)\s*endtest\s*(-?)%}/g;
const MATERIALIZATION_OPEN = /{%(-?)\s*materialization\s+([A-Za-z_]\w*)\s*,\s*(?:adapter\s*=\s*)?['"]?(\w+)['"]?\s*(-?)%}/g;
const MATERIALIZATION_CLOSE = /{%(-?)\s*endmaterialization\s*(-?)%}/g;

export function extractBlocks(source: string): ExtractedBlocks {
  const docs = new Map<string, { contents: string; line: number }>();
  let template = source.replace(DOCS_BLOCK, (whole, name: string, contents: string, offset: number) => {
    docs.set(name, { contents: contents.trim(), line: source.slice(0, offset).split('\n').length });
    return '\n'.repeat(whole.split('\n').length - 1);
  });
  if (template.includes('test')) {
    template = template
      .replace(TEST_OPEN, (_w, dash: string, name: string) => `{%${dash} macro test_${name}(`)
      .replace(TEST_CLOSE, (_w, a: string, b: string) => `{%${a} endmacro ${b}%}`);
  }
  if (template.includes('materialization')) {
    template = template
      .replace(MATERIALIZATION_OPEN, (_w, a: string, name: string, adapter: string, b: string) => `{%${a} macro materialization_${name}_${adapter}() ${b}%}`)
      .replace(MATERIALIZATION_CLOSE, (_w, a: string, b: string) => `{%${a} endmacro ${b}%}`);
  }
  return { template, docs };
}
