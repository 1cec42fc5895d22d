import nunjucks from 'nunjucks';
import { createJinjaEnvironment, jinjaTemplate } from '../../../src/jinja/compat';

export const env = createJinjaEnvironment();

export function compile(source: string, path = 'model.sql'): nunjucks.Template {
  return jinjaTemplate(env, source, path);
}

export function render(source: string, context: Record<string, unknown> = {}): string {
  return compile(source).render(context);
}
