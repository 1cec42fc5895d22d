/*
 * Typed handles on the nunjucks 3.2.4 modules the compatibility layer patches. These internals are undocumented, so
 * the shapes below list only what the layer touches; the package version is pinned in package.json.
 */

export interface AstNode {
  typename: string;
  lineno: number;
  colno: number;
  [field: string]: unknown;
}

export type NodeClass = (new (lineno: number, colno: number, ...fields: unknown[]) => AstNode) & {
  extend(name: string, props: { fields: string[] }): NodeClass;
};

export interface CompileFrame {
  lookup(name: string): string | undefined;
  set(name: string, id: string): void;
  push(): CompileFrame;
}

export interface CompilerInstance {
  codebuf: string[];
  compile(node: unknown, frame: CompileFrame): void;
  _compileExpression(node: unknown, frame: CompileFrame): void;
  _emit(code: string): void;
  _emitLine(code: string): void;
  _tmpid(): string;
}

type Method = (this: any, ...args: any[]) => any;

export const nodes = require('nunjucks/src/nodes') as Record<string, NodeClass>;
export const lexer = require('nunjucks/src/lexer') as Record<string, string>;
export const runtime = require('nunjucks/src/runtime') as Record<string, any>;
export const compilerModule = require('nunjucks/src/compiler') as { Compiler: { prototype: Record<string, Method> } };
export const parserModule = require('nunjucks/src/parser') as { Parser: { prototype: Record<string, Method> }; parse: Method };

export const SafeString = runtime.SafeString as new (value: string) => { val: string; length: number };
