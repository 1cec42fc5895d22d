import { randomUUID } from 'node:crypto';
import { installDbtContext, type InvocationContext } from '../jinja/context';
import { nowUtc } from '../jinja/python-datetime';
import { TemplateRenderer } from '../jinja/renderer';
import type { Target } from '../project/profile';
import { coerceRendered } from '../project/config';
import { StaticScope } from '../parse/static-scope';
import type { RenderValue } from './packages-file';

/**
 * Renders the Jinja of packages files as dbt's package renderer does: `env_var()` and the `--vars` given on the
 * command line; no profile or target is read, since `deps` runs before there is one.
 */
export function packageRenderer(cliVars: Record<string, unknown>): RenderValue {
  const renderer = new TemplateRenderer();
  const invocation: InvocationContext = {
    projectName: '',
    target: undefined as unknown as Target,
    projectVars: {},
    cliVars,
    invocationId: randomUUID(),
    runStartedAt: nowUtc(),
    flags: {},
    dispatch: [],
    docs: new Map(),
    log: () => undefined,
    graph: () => ({}),
  };
  installDbtContext(renderer, invocation);
  return (text, file) => coerceRendered(renderer.render(text, file, new StaticScope(file)));
}
