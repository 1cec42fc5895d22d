import { render } from './render-helper';

describe('Python methods', () => {
  test('string methods', () => {
    expect(render("{{ ' Ab '.strip() }}|{{ 'xxAbxx'.strip('x') }}|{{ '  a'.lstrip() }}|{{ 'a  '.rstrip() }}|{{ 'ab'.upper() }}|{{ 'AB'.lower() }}")).toBe(
      'Ab|Ab|a|a|AB|ab',
    );
    expect(render("{{ 'a,b,c'.split(',') }}|{{ 'a,b,c'.split(',', 1) }}|{{ ' a  b '.split() }}|{{ 'a b c'.split(none, 1) }}")).toBe(
      "['a', 'b', 'c']|['a', 'b,c']|['a', 'b']|['a', 'b c']",
    );
    expect(render("{{ 'a.a.a'.replace('.', '_') }}|{{ 'ab'.startswith('a') }}|{{ 'ab'.endswith(('x', 'b')) }}|{{ ','.join(['a', 'b']) }}")).toBe(
      'a_a_a|True|True|a,b',
    );
    expect(
      render(
        "{{ '{}-{}'.format(a, b) }}|{{ '{name}!'.format(name=a) }}|{{ '{0}{0}'.format('x') }}|{{ '{:>4}|{:.2f}'.format('r', 2) }}|{{ '{{x}}'.format() }}",
        { a: 1, b: 'z' },
      ),
    ).toBe('1-z|1!|xx|   r|2.00|{x}');
    expect(
      render(
        "{{ 'hello world'.title() }}|{{ 'hELLO'.capitalize() }}|{{ 'abcb'.find('b') }}|{{ 'abcb'.count('b') }}|{{ '123'.isdigit() }}|{{ '12a'.isdigit() }}",
      ),
    ).toBe('Hello World|Hello|1|2|True|False');
    expect(render('{% macro m() %} x {% endmacro %}[{{ m().strip() }}]')).toBe('[x]');
  });

  test('list methods', () => {
    const source =
      '{% set xs = [3, 1] %}{% do xs.append(2) %}{% do xs.extend([5, 5]) %}{% do xs.insert(0, 9) %}{{ xs }}|{{ xs.pop() }}|{{ xs.pop(0) }}|{{ xs.index(1) }}|{{ xs.count(5) }}{% do xs.remove(1) %}|{{ xs }}';
    expect(render(source)).toBe('[9, 3, 1, 2, 5, 5]|5|9|1|1|[3, 2, 5]');
    expect(() => render('{% do [1].remove(7) %}')).toThrow(/7 is not in list/);
  });

  test('dict methods', () => {
    const source =
      "{% set d = {'a': 1} %}{% do d.update({'b': 2}) %}{% do d.update(c=3) %}{{ d.items() | list }}|{{ d.keys() | list }}|{{ d.values() | list }}|{{ d.get('a') }}|{{ d.get('z') }}|{{ d.get('z', 0) }}|{{ d.pop('c') }}|{{ d.pop('z', 'dflt') }}|{{ d.setdefault('e', 5) }}|{{ d.copy() }}";
    expect(render(source)).toBe("[('a', 1), ('b', 2), ('c', 3)]|['a', 'b', 'c']|[1, 2, 3]|1|None|0|3|dflt|5|{'a': 1, 'b': 2, 'e': 5}");
  });

  test('host objects keep their own JS members', () => {
    class Config {
      readonly store: Record<string, string> = { materialized: 'view' };
      get(key: string, fallback?: string) {
        return this.store[key] ?? `host:${fallback}`;
      }
      items() {
        return 'own items';
      }
    }
    const context = { config: new Config(), data: { items: ['i'], values: 7 }, text: 'abc' };
    expect(render("{{ config.get('materialized') }}|{{ config.get('x', 'd') }}|{{ config.items() }}", context)).toBe('view|host:d|own items');
    expect(render('{{ data.items }}|{{ data.values }}|{{ text.length }}|{{ [1, 2].length }}|{{ text.toUpperCase() }}', context)).toBe("['i']|7|3|2|ABC");
  });
});
