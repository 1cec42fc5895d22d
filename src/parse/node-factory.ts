import type { TemplateRenderer } from '../jinja/renderer';
import type { ResourceType, Node } from '../project/types';
import type { Manifest } from './manifest';
import type { ParseScope } from './parse-scope';

/** What the parsers of derived nodes (generic tests, snapshots) need from the project parser. */
export interface NodeFactory {
  readonly manifest: Manifest;
  /** Renders parse-time templates (snapshots, generic tests' macros). */
  readonly renderer: TemplateRenderer;
  /** A node for a file under `resourceDir`, configured by the project, not yet rendered. */
  newNode(resourceType: ResourceType, resourceDir: string, file: string, rawCode: string): Node;
  /** Registers a node once its template has been rendered with `scope`. */
  finish(node: Node, scope: ParseScope): void;
}
