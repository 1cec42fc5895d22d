import nunjucks from 'nunjucks';
import { scanStaticTemplate } from '../../../src/jinja/static-template';
import { compile, env } from './render-helper';

/** Records how each call was made: `this`, positional arguments and keyword arguments, in order. */
const context = {
  show: function (this: unknown, ...args: unknown[]) {
    return `${this instanceof Object && 'lookup' in this ? 'ctx' : 'no-ctx'}:${JSON.stringify(args)}`;
  },
  pkg: { nested: { show: (...args: unknown[]) => `pkg:${JSON.stringify(args)}` } },
  boom: () => {
    throw new Error('boom went the macro');
  },
  nothing: () => undefined,
  nil: () => null,
  number: () => 42,
  list: () => ['a', 1, null, true],
  safe: () => new nunjucks.runtime.SafeString('<safe>'),
};

function staticTemplate(source: string): nunjucks.Template {
  const root = scanStaticTemplate(source);
  if (!root) throw new Error(`not static: ${source}`);
  return new nunjucks.Template({ type: 'code', obj: root } as unknown as string, env, 'model.sql', true);
}

/** What rendering gives: the text, or the error's message and line. */
function outcome(template: nunjucks.Template): unknown {
  try {
    return template.render(context);
  } catch (error) {
    const e = error as { message: string; lineno?: number; name: string };
    return { error: e.message, line: e.lineno, name: e.name };
  }
}

const STATIC = [
  '',
  'select 1',
  'select 1\n',
  'select 1\r\nfrom t\r\n',
  "select * from {{ show('orders') }}",
  "{{ show('a', 'b') }}{{show(\"c\")}}",
  "{{ show('p', 1, -2, 3_000, True, False, None, true, false, none, null) }}",
  "{{ show(name='x', tags=['a', 'b'], meta={'owner': 'me', \"n\": [1, {'k': None}]}, empty=[], nothing={}) }}",
  "{{ show('positional', key = 'v') }}",
  "{{ show(from=show('inner', 1), more=[show('x'), show(y='z')]) }}",
  "{{ pkg.nested.show('x', k=1) }}",
  "{{ show('it\\'s', \"tab\\there\", 'back\\\\slash', 'keep \\d') }}",
  "{{ show('a}}b', 'c{{d', '{# no comment #}') }}",
  'a {# a comment #} b',
  'a {# multi\nline {{ not_a_call }} #} b',
  'a \n {#- trim before #} b',
  'a {# trim after -#} \n b',
  "a \n {{- show('x') -}} \n b",
  "x\n  {{- show('x') }}\n  {{ show('y') -}}\n  z",
  "{{ show('x') -}}{# c #} kept",
  "{{ show('x') -}}{#- c -#} \n gone",
  'a {{ nothing() }} b {{ nil() }} c {{ number() }} d {{ list() }} e {{ safe() }}',
  'braces { and } and # and { # } stay',
  "{{ show(\n  'multi',\n  line=True\n) }}",
];

const NOT_STATIC = [
  '{% if true %}x{% endif %}',
  '{{ name }}',
  "{{ show('x') | upper }}",
  "{{ show('x') ~ 'y' }}",
  '{{ show(1.5) }}',
  '{{ show(x) }}',
  "{{ show('a' 'b') }}",
  "{{ show('a',) }}",
  '{{ show(k=1, 2) }}',
  '{{ show(k=1, k=2) }}',
  "{{ show(*['a']) }}",
  '{{ show((1, 2)) }}',
  '{{ show({1: 2}) }}',
  "{{ show('x').y }}",
  "{{ show('x')('y') }}",
  "{{ not('x') }}",
  '{{ True() }}',
  "{{ none('x') }}",
  'stray #} end',
  'open {# comment',
  "{{ show('unterminated }}",
  'a +%} b',
  '{%+ if true %}x{% endif %}',
  "{{ show('x' }}",
  '{{ }}',
];

describe('static templates: text and calls with literal arguments, without the template compiler', () => {
  test.each(STATIC)('renders as the compiled template does: %j', (source) => {
    expect(outcome(staticTemplate(source))).toEqual(outcome(compile(source)));
  });

  test.each(NOT_STATIC)('takes the full path: %j', (source) => {
    expect(scanStaticTemplate(source)).toBeNull();
  });

  test.each([
    "select\n  {{ boom('x') }}",
    "line one\n{{ show('ok') }}\n{{ missing('x') }}",
    "{{ show(a=show('b'),\n  c=missing()) }}",
    "{{ pkg.absent.show('x') }}",
    "{{ pkg.nested('x') }}",
  ])('fails as the compiled template does, same message and line: %j', (source) => {
    const fast = outcome(staticTemplate(source));
    expect(fast).toHaveProperty('error');
    expect(fast).toEqual(outcome(compile(source)));
  });

  test('each render builds its own lists and dicts (a macro may change its arguments)', () => {
    const seen: unknown[][] = [];
    const template = staticTemplate("{{ keep(['a']) }}");
    const keep = (list: unknown[]) => {
      seen.push(list);
      list.push('changed');
      return '';
    };
    template.render({ keep });
    template.render({ keep });
    expect(seen).toEqual([
      ['a', 'changed'],
      ['a', 'changed'],
    ]);
  });
});
