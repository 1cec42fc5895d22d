import type { InvocationContext } from '../jinja/context';
import type { TemplateRenderer } from '../jinja/renderer';
import type { Manifest } from './manifest';
import type { RenderCache } from './render-cache';

/** The live objects that render a project's templates: the Jinja environment with its macros, and its context. */
export interface RenderServices {
  renderer: TemplateRenderer;
  invocation: InvocationContext;
}

/**
 * One invocation's parsed project: the manifest (plain data, which can be stored and reloaded) and the services that
 * render its templates, made when first asked for, so that a command with nothing to render never builds them.
 */
export class ParsedProject {
  private services?: RenderServices;
  private selected?: string[];
  private readonly writers: (() => void)[] = [];

  constructor(
    readonly manifest: Manifest,
    /** This invocation's id, as `invocation_id` renders it. */
    readonly invocationId: string,
    private readonly makeServices: () => RenderServices,
    /** Render results reused across runs. */
    readonly renderCache?: RenderCache,
  ) {}

  get renderer(): TemplateRenderer {
    return this.live().renderer;
  }

  get invocation(): InvocationContext {
    return this.live().invocation;
  }

  /** What `selected_resources` renders. */
  setSelectedResources(ids: string[]): void {
    this.selected = ids;
    if (this.services) this.services.invocation.selectedResources = ids;
  }

  /** Something more for saveCaches() to write (the parse itself, after a full parse). */
  alsoSave(write: () => void): void {
    this.writers.push(write);
  }

  /** Writes what this invocation learned for the next one (the parse, compiled templates, render results) into target/. */
  saveCaches(): void {
    for (const write of this.writers) write();
    this.services?.renderer.saveCache();
    this.renderCache?.save();
  }

  private live(): RenderServices {
    if (!this.services) {
      this.services = this.makeServices();
      if (this.selected) this.services.invocation.selectedResources = this.selected;
    }
    return this.services;
  }
}
