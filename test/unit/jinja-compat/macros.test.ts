import { MacroReturn, callMacroCatchingReturn, keywordArgs, wrapMacro } from '../../../src/jinja/compat';
import { compile, env, render } from './render-helper';

type Macro = (...args: unknown[]) => unknown;

function exportedMacros(source: string): Record<string, Macro> {
  let exported: Record<string, Macro> = {};
  (compile(source, 'macros.sql') as unknown as { getExported(cb: (err: Error | null, out: Record<string, Macro>) => void): void }).getExported((err, out) => {
    if (err) throw err;
    exported = out;
  });
  return exported;
}

describe('macros', () => {
  test('return() ends a macro and its call yields the value', () => {
    expect(render("{% macro get_cols() %}ignored{{ return(['a', 'b']) }}never{% endmacro %}{% set cols = get_cols() %}{{ cols | length }} {{ cols[1] }}")).toBe(
      '2 b',
    );
    expect(render('{% macro flag() %}{% do return(false) %}{% endmacro %}{{ flag() is sameas false }}')).toBe('True');
  });

  test('callMacroCatchingReturn yields the returned value or the rendered text', () => {
    const { returns, prints } = exportedMacros("{% macro returns(x) %}{{ return({'x': x}) }}{% endmacro %}{% macro prints(x) %}<{{ x }}>{% endmacro %}");
    expect(callMacroCatchingReturn(returns, undefined, [1])).toEqual({ x: 1 });
    expect(String(callMacroCatchingReturn(prints, undefined, ['a']))).toBe('<a>');
    const thrower = () => {
      throw new MacroReturn('direct');
    };
    expect(callMacroCatchingReturn(thrower, undefined, [])).toBe('direct');
  });

  test('wrapMacro keeps the keyword-argument convention and works as a global called from another macro', () => {
    const { columns } = exportedMacros("{% macro columns(prefix, sep=',') %}{{ return([prefix ~ 'a', prefix ~ 'b'] | join(sep)) }}{% endmacro %}");
    const wrapped = wrapMacro(columns);
    expect(wrapped('x_', keywordArgs({ sep: '|' }))).toBe('x_a|x_b');
    env.addGlobal('columns', wrapped);
    expect(render("{% macro select_list() %}{% set cols = columns('t.', sep=', ') %}select {{ cols }}{% endmacro %}{{ select_list() }}")).toBe(
      'select t.a, t.b',
    );
  });

  test('return() outside a macro is an error that says so', () => {
    expect(() => render('{{ return(1) }}')).toThrow(/return\(\) was called outside of a macro/);
  });

  test('a returning macro leaves the caller frame intact', () => {
    expect(render("{% macro r() %}{% set inner = 1 %}{{ return(2) }}{% endmacro %}{% set outer = 'o' %}{% set v = r() %}{{ outer }}{{ v }}{{ inner }}")).toBe(
      'o2',
    );
  });

  test('varargs and kwargs receive what the signature does not declare', () => {
    const source = '{% macro m(a, b=2) %}{{ a }}|{{ b }}|{{ varargs }}|{{ kwargs }}{% endmacro %}';
    expect(render(source + '{{ m(1, 5, 6, 7, k=4) }}')).toBe("1|5|(6, 7)|{'k': 4}");
    expect(render(source + '{{ m(1) }}')).toBe('1|2|()|{}');
    expect(render('{% macro n() %}{{ kwargs.get("x", "none") }}{% endmacro %}{{ n(x="given") }}')).toBe('given');
  });

  test('call blocks and caller()', () => {
    expect(render('{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap("b") %}body{% endcall %}')).toBe('<b>body</b>');
    expect(render('{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(x) each([1, 2]) %}[{{ x }}]{% endcall %}')).toBe(
      '[1][2]',
    );
  });

  test('macro output glued to an identifier adds no whitespace', () => {
    expect(render('{%- macro suffix() -%}\n  _v2\n{%- endmacro -%}\nselect col{{ suffix() }} from t')).toBe('select col_v2 from t');
    expect(render('{% macro m() %}_x{% endmacro %}col{{ m() }}')).toBe('col_x');
  });
});
