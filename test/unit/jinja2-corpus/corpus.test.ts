/*
 * The differential corpus: each template rendered by real Jinja2 3.1 in dbt's environment (see
 * scripts/jinja2-corpus/generate.py, which wrote cases.json) must render the same with tsdbt's environment.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createJinjaEnvironment, jinjaTemplate } from '../../../src/jinja/compat';

interface Case {
  category: string;
  template: string;
  context?: Record<string, unknown>;
  output?: string;
  error?: string;
}

const corpus = JSON.parse(readFileSync(path.join(__dirname, 'cases.json'), 'utf8')) as { context: Record<string, unknown>; cases: Case[] };
const env = createJinjaEnvironment();

/** A fresh copy per case (templates mutate lists and dicts of their context), made of this realm's objects. */
function contextOf(c: Case): Record<string, unknown> {
  return JSON.parse(JSON.stringify(c.context ?? corpus.context)) as Record<string, unknown>;
}

function render(c: Case): string {
  return jinjaTemplate(env, c.template, `${c.category}.sql`).render(contextOf(c));
}

describe('Jinja2 differential corpus', () => {
  test('has at least 300 cases', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(300);
  });

  const renders = corpus.cases.filter((c) => c.output !== undefined);
  test.each(renders.map((c) => [c.category, c.template, c] as const))('%s: %s', (_category, _template, c) => {
    expect(render(c)).toBe(c.output);
  });

  const errors = corpus.cases.filter((c) => c.error !== undefined);
  test.each(errors.map((c) => [c.error, c.template, c] as const))('%s: %s', (_error, _template, c) => {
    expect(() => render(c)).toThrow();
  });
});
