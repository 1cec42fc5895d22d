import { installDbtContext, newInvocation } from '../jinja/context';
import { TemplateRenderer } from '../jinja/renderer';
import { staticValueRenderer } from '../parse/static-scope';
import type { RenderValue } from './packages-file';

/**
 * Renders the Jinja of packages files as dbt's package renderer does: `env_var()` and the `--vars` given on the
 * command line; no profile or target is read, since `deps` runs before there is one.
 */
export function packageRenderer(cliVars: Record<string, unknown>): RenderValue {
  const renderer = new TemplateRenderer();
  installDbtContext(renderer, newInvocation({ cliVars }));
  return staticValueRenderer(renderer);
}
