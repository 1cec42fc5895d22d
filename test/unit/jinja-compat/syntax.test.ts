import nunjucks from 'nunjucks';
import { blankComments, extractBlocks } from '../../../src/jinja/blocks';
import { compile, render } from './render-helper';

describe('Jinja2 syntax', () => {
  test('errors in templates with multi-line string literals keep their line numbers', () => {
    expect(render("{{ 'a\\nb'.upper() }}|{{ 'x\ny'.upper() }}")).toBe('A\nB|X\nY');
    expect(() => render("line1\n{{ 'a\nb'.nope() }}")).toThrow(/Line 2[\s\S]*Unable to call `a\nb\["nope"\]`/);
  });

  test('break and continue only inside a for loop, with the line of the misplaced tag', () => {
    expect(() => compile('line1\nline2\n{% break %}')).toThrow(/Line 3[\s\S]*'break' is only allowed inside a for loop/);
    expect(() => compile('{% for x in [1] %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}')).toThrow(/'continue' is only allowed/);
  });

  test('a string literal is decoded as Python decodes it', () => {
    expect(render("{{ '\\d+\\.\\s' }}|{{ 'a\\tb' }}|{{ '\\x41\\u00e9' }}|{{ 'one\\\ntwo' }}")).toBe('\\d+\\.\\s|a\tb|Aé|onetwo');
  });

  test('nunjucks itself is left as it is for other users in the process', () => {
    render('{{ (1, 2) }}');
    const plain = new nunjucks.Environment();
    expect(plain.renderString('{{ "a\\d" }}|{{ (1, 2) }}|{{ [1] == [1] }}', {})).toBe('ad|2|false');
    expect(() => plain.renderString('{% for x in [1] %}{% break %}{% endfor %}', {})).toThrow(/unknown block tag: break/);
  });
});

describe("dbt's block tags inside comments", () => {
  test('are ignored, and blanking comments keeps every offset', () => {
    const source = '{# {% docs hidden %}x{% enddocs %}\n{% test t() %}{% endtest %} #}\n{% docs shown %}Doc {# note #}{% enddocs %}';
    const blanked = blankComments(source);
    expect(blanked).toHaveLength(source.length);
    expect(blanked.split('\n')).toHaveLength(source.split('\n').length);
    const blocks = extractBlocks(source);
    expect([...blocks.docs.keys()]).toEqual(['shown']);
    expect(blocks.docs.get('shown')).toEqual({ contents: 'Doc {# note #}', line: 3 });
    expect(blocks.template).not.toContain('macro test_t');
  });

  test('`{#` inside a string or a raw block is not a comment', () => {
    const source = "{{ '{# x #}' }}{% raw %}{# y #}{% endraw %}{#- z -#}";
    expect(blankComments(source)).toBe("{{ '{# x #}' }}{% raw %}{# y #}{% endraw %}{#-   -#}");
  });
});
