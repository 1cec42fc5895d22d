import { ProjectError } from '../errors';
import type { Relation } from '../jinja/relation';
import type { TemplateRenderer } from '../jinja/renderer';
import type { RenderScope } from '../jinja/scope';
import { coerceRendered } from '../project/config';

/** The scope for Jinja in the project file and profiles: vars, env_var and target only, no nodes. */
export class StaticScope implements RenderScope {
  readonly execute = false;
  readonly thisRelation = null;
  readonly model = null;

  /** `packageName`: the package whose file this is, whose vars var() reads (a package's properties files). */
  constructor(
    readonly file: string,
    readonly packageName?: string,
  ) {}

  ref(name: string): Relation {
    throw new ProjectError(`ref('${name}') cannot be used here`, { file: this.file }, 'only var(), env_var() and target are available in this file');
  }

  source(sourceName: string, tableName: string): Relation {
    throw new ProjectError(
      `source('${sourceName}', '${tableName}') cannot be used here`,
      { file: this.file },
      'only var(), env_var() and target are available in this file',
    );
  }

  setConfig(): void {}

  getConfig(): undefined {
    return undefined;
  }

  isIncremental(): boolean {
    return false;
  }

  runQuery(): null {
    return null;
  }
}

/** Renders a value of the project file, a profile, a packages file or a properties file: text in, YAML-typed value out. */
export function staticValueRenderer(renderer: TemplateRenderer): (text: string, file: string, packageName?: string) => unknown {
  return (text, file, packageName) => coerceRendered(renderer.render(text, file, new StaticScope(file, packageName)));
}
