import cases from './python-modules.cases.json';
import expected from './python-modules.expected.json';
import { datetimeModule, pytzModule } from '../../../src/jinja/python-datetime';
import { pythonRe } from '../../../src/jinja/python-re';
import { render } from '../jinja-compat/render-helper';

/*
 * modules.re, modules.datetime and modules.pytz against Python itself: the expected outputs are real Jinja2's with
 * Python's modules (scripts/python-modules-corpus.py writes them).
 */
const modules = { re: pythonRe, datetime: datetimeModule, pytz: pytzModule };

describe('Python modules behind the dbt context, as Jinja2 with Python renders them', () => {
  test('the corpus and its expected outputs line up', () => {
    expect(expected).toHaveLength(cases.length);
  });

  test.each(cases.map((c, i) => [c.template, c, expected[i]] as const))('%s', (_name, c, want) => {
    const context = { modules, ...((c as { context?: Record<string, unknown> }).context ?? {}) };
    if (typeof want === 'object') expect(() => render(c.template, context)).toThrow();
    else expect(render(c.template, context)).toBe(want);
  });
});
