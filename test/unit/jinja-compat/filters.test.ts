import { pyJsonDumps } from '../../../src/jinja/compat';
import { render } from './render-helper';

describe('filters', () => {
  test('tojson sorts keys like Jinja2, with indent, and escapes HTML-sensitive characters', () => {
    expect(render('{{ d | tojson }}', { d: { b: 1, a: [true, null, 'x<y'] } })).toBe('{"a": [true, null, "x\\u003cy"], "b": 1}');
    expect(render('{{ d | tojson(indent=2) }}', { d: { a: [1] } })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(pyJsonDumps({ z: 'é', a: 1 })).toBe('{"z": "\\u00e9", "a": 1}');
  });

  test('list, items, string, int, float, bool', () => {
    expect(render("{{ 'ab' | list }}|{{ {'k': 1} | list }}|{{ {'k': 1} | items | list }}|{{ none | string }}|{{ true | string }}")).toBe(
      "['a', 'b']|['k']|[('k', 1)]|None|True",
    );
    expect(render("{{ '42' | int }}|{{ '4.7' | int }}|{{ 'x' | int }}|{{ 'x' | int(7) }}|{{ '2.5' | float }}|{{ true | int }}")).toBe('42|4|0|7|2.5|1');
    expect(render("{{ 'true' | bool }}|{{ 'no' | bool }}|{{ [] | bool }}|{{ 1 | bool }}")).toBe('True|False|False|True');
  });

  test('map, selectattr, rejectattr, select, unique', () => {
    const rows = [
      { name: 'a', on: true, n: 1 },
      { name: 'b', on: false, n: 2 },
      { name: 'A', on: true, n: 3 },
    ];
    const context = { rows };
    expect(render("{{ rows | map(attribute='name') | join(',') }}", context)).toBe('a,b,A');
    expect(render("{{ ['a', 'b'] | map('upper') | list }}")).toBe("['A', 'B']");
    expect(render("{{ rows | selectattr('on') | map(attribute='name') | list }}|{{ rows | rejectattr('on') | map(attribute='name') | list }}", context)).toBe(
      "['a', 'A']|['b']",
    );
    expect(
      render("{{ rows | selectattr('n', 'equalto', 2) | map(attribute='name') | first }}|{{ rows | selectattr('n', '>', 1) | list | length }}", context),
    ).toBe('b|2');
    expect(render('{{ [0, 1, none, 2] | select | list }}|{{ [1, 2, 3] | reject("odd") | list }}')).toBe('[1, 2]|[2]');
    expect(render("{{ rows | map(attribute='name') | unique | list }}|{{ ['a', 'A'] | unique(case_sensitive=true) | list }}", context)).toBe(
      "['a', 'b']|['a', 'A']",
    );
    // Tuples are equal by their items, as Python hashes them; the strings in them keep their case.
    expect(render("{{ [('a', 1), ('b', 2), ('a', 1), ('A', 1)] | unique | list }}")).toBe("[('a', 1), ('b', 2), ('A', 1)]");
  });

  test('default, with and without the boolean flag', () => {
    expect(
      render("{{ missing | default('d') }}|{{ none | default('d') }}|{{ '' | default('d', true) }}|{{ [] | default('d', true) }}|{{ 'v' | d('d') }}"),
    ).toBe('d|None|d|d|v');
    // None given as the default is the default; an undefined default stays undefined for the next default.
    expect(
      render('{{ missing | default(none) is none }}|{{ missing | default(other) | default(none) is none }}|{{ missing | default(default_value=none) }}'),
    ).toBe('True|True|None');
  });

  test('trim, length, format, min, max', () => {
    expect(render("[{{ '  x ' | trim }}]|{{ {'a': 1} | length }}|{{ '%s=%d' | format('n', 3) }}|{{ [3, 1, 2] | min }}|{{ [3, 1, 2] | max }}")).toBe(
      '[x]|1|n=3|1|3',
    );
  });
});
