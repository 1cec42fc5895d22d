import { render } from './render-helper';

describe('statements', () => {
  test('do evaluates an expression and outputs nothing', () => {
    expect(render("{% set cols = [] %}{% do cols.append('a') %}{{ cols | join(',') }}")).toBe('a');
    expect(render("{% set d = {} %}{% do d.update({'k': 1}) %}{{ d.k }}")).toBe('1');
  });

  test('namespace attributes assigned inside a loop survive it', () => {
    const source = '{% set ns = namespace(found=false) %}{% for x in xs %}{% if x == 2 %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}';
    expect(render(source, { xs: [1, 2] })).toBe('True');
    expect(render(source, { xs: [1] })).toBe('False');
  });

  test('for with a loop filter counts only kept items', () => {
    const source = '{% for x in xs if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }}{% if not loop.last %},{% endif %}{% endfor %}';
    expect(render(source, { xs: [1, 2, 3] })).toBe('1/2:2,2/2:3');
  });

  test('for over items(), over a dict (keys), with else, and loop variables', () => {
    expect(render('{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}', { d: { a: 1, b: 2 } })).toBe('a=1;b=2;');
    expect(render('{% for k in d %}{{ k }}{% endfor %}', { d: { a: 1, b: 2 } })).toBe('ab');
    expect(render('{% for k, v in d if v > 1 %}{{ k }}{% endfor %}', { d: { a: 1, b: 2 } })).toBe('b');
    expect(render('{% for x in [] %}x{% else %}empty{% endfor %}')).toBe('empty');
    expect(render('{% for x in "ab" %}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}')).toBe('0TrueFalse2;1FalseTrue2;');
  });

  test('set unpacks tuples and pairs', () => {
    expect(render('{% set a, b = 1, 2 %}{{ a }}-{{ b }}')).toBe('1-2');
    expect(render('{% set a, b = pair %}{{ a }}-{{ b }}', { pair: ['x', 'y'] })).toBe('x-y');
    expect(() => render('{% set a, b = [1, 2, 3] %}')).toThrow(/cannot unpack 3 values into 2 names/);
  });

  test('block set captures output', () => {
    expect(render('{% set x %}select {{ 1 }}{% endset %}[{{ x | trim }}]')).toBe('[select 1]');
    expect(render('{% set x -%}\n  a\n{%- endset %}[{{ x }}]')).toBe('[a]');
  });

  test('raw blocks are not rendered', () => {
    expect(render('{% raw %}{{ not_rendered }}{% endraw %}')).toBe('{{ not_rendered }}');
  });

  test('a single trailing newline of the source is dropped, like Jinja2 keep_trailing_newline=False', () => {
    expect(render('select 1\n')).toBe('select 1');
    expect(render('select 1\n\n')).toBe('select 1\n');
    expect(render('{{ x }}\n', { x: 'a' })).toBe('a');
  });

  test('whitespace control on blocks, expressions and comments', () => {
    expect(render('a  {%- if true -%}  b  {%- endif -%}  c')).toBe('abc');
    expect(render('a\n  {{- x -}}\n  b', { x: 1 })).toBe('a1b');
    expect(render('a\n  {#- note -#}\n  b')).toBe('ab');
    expect(render('a\n{# note #}\nb')).toBe('a\n\nb');
    expect(render('{%+ if true %}x{% endif +%}')).toBe('x');
  });

  test('preprocessing keeps every line where it was', () => {
    expect(() => render('line1\nline2\n{{ x.y( }}\n')).toThrow(/Line 3/);
  });
});
