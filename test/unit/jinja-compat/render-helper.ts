import nunjucks from 'nunjucks';
import { createJinjaEnvironment, preprocessJinja } from '../../../src/jinja/compat';

export const env = createJinjaEnvironment();

export function compile(source: string, path = 'model.sql'): nunjucks.Template {
  return new nunjucks.Template(preprocessJinja(source), env, path, true);
}

export function render(source: string, context: Record<string, unknown> = {}): string {
  return compile(source).render(context);
}
