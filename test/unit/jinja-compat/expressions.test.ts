import { render } from './render-helper';

describe('expressions', () => {
  test('Python literals, in either case', () => {
    expect(render('{{ True }} {{ False }} {{ None }} {{ true }} {{ false }} {{ none }}')).toBe('True False None True False None');
    expect(render('{{ undefined_name }}')).toBe('');
  });

  test('values print as Python str()', () => {
    expect(render('{{ xs }} {{ d }}', { xs: ['a', 1, null, true], d: { k: "it's" } })).toBe(`['a', 1, None, True] {'k': "it's"}`);
  });

  test('slicing lists and strings', () => {
    const xs = [1, 2, 3, 4, 5];
    expect(render('{{ xs[1:] }}|{{ xs[:-1] }}|{{ xs[::2] }}|{{ xs[::-1] }}|{{ xs[1:3] }}', { xs })).toBe(
      '[2, 3, 4, 5]|[1, 2, 3, 4]|[1, 3, 5]|[5, 4, 3, 2, 1]|[2, 3]',
    );
    expect(render('{{ s[0:3] }}|{{ s[-2:] }}|{{ s[-1] }}', { s: 'abcdef' })).toBe('abc|ef|f');
    expect(render('{{ [1, 2][0] }}{{ xs[-1] }}', { xs })).toBe('15');
  });

  test('percent formatting, and modulo on numbers', () => {
    expect(render("{{ '%s_%s' % (a, b) }}", { a: 'x', b: 'y' })).toBe('x_y');
    expect(render("{{ '%d' % n }}|{{ '%05.2f' % x }}|{{ '%s' % 'one' }}|{{ '%(k)s' % {'k': 1} }}|{{ '%-4s|' % 'a' }}", { n: 42.9, x: 3.14159 })).toBe(
      '42|03.14|one|1|a   |',
    );
    expect(render('{{ 7 % 3 }} {{ -7 % 3 }} {{ 7.5 % 2 }}')).toBe('1 2 1.5');
    expect(() => render("{{ '%s %s' % ('a',) }}")).toThrow(/not enough arguments/);
  });

  test("truthiness is Python's: empty lists, dicts and strings are false", () => {
    expect(render("{{ 'yes' if xs else 'no' }}{% if not d %}!{% endif %}{{ xs or 'fallback' }}{{ [1] and 'both' }}", { xs: [], d: {} })).toBe(
      'no!fallbackboth',
    );
    expect(render("{% macro empty() %}{% endmacro %}{{ 'has' if empty() else 'none' }}")).toBe('none');
    expect(render('{% if x is not none and x %}set{% endif %}', { x: null })).toBe('');
    expect(render('{% if x is not none and x %}set{% endif %}', { x: 'v' })).toBe('set');
  });

  test('operators: ~, +, in, not in, inline if', () => {
    expect(render("{{ 'a' ~ 1 ~ none ~ true }}")).toBe('a1NoneTrue');
    expect(render('{{ [1] + [2] }} {{ 1 + 2 }}')).toBe('[1, 2] 3');
    expect(render("{{ '-' * 3 }} {{ [0] * 2 }} {{ 2 * 3 }}")).toBe('--- [0, 0] 6');
    expect(render("{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 'z' not in ['a'] }}")).toBe('True True True True');
    expect(render("{{ 'a' if c else 'b' }}{{ 'x' if c }}", { c: false })).toBe('b');
  });

  test('dict literals evaluate variable keys; keyword arguments keep names', () => {
    expect(render("{% set k = 'dyn' %}{{ {k: 1, 'lit': 2} }} {{ dict(a=1, k=2) }}")).toBe("{'dyn': 1, 'lit': 2} {'a': 1, 'k': 2}");
  });

  test('range and tests', () => {
    expect(render('{% for i in range(3) %}{{ i }}{% endfor %}')).toBe('012');
    const tests =
      "{{ x is none }}{{ y is none }}{{ y is defined }}{{ z is defined }}{{ 's' is string }}{{ 1 is number }}{{ {} is mapping }}{{ [] is mapping }}{{ [] is iterable }}{{ 'ab' is sequence }}{{ true is boolean }}{{ 1 is boolean }}";
    expect(render(tests, { x: null, y: 1 })).toBe('TrueFalseTrueFalseTrueTrueTrueFalseTrueTrueTrueFalse');
    expect(render('{{ x is None }}{{ x is not None }}', { x: null })).toBe('TrueFalse');
    expect(render("{{ 9 is divisibleby 3 }}{{ 'a' is in ['a'] }}{{ false is sameas false }}{{ 1 is divisibleby(2) }}")).toBe('TrueTrueTrueFalse');
  });
});
