import type { NodeResult } from '../execute/results';
import type { Node } from '../project/types';

/** Events of a run; the console is one listener, tests can be another. */
export interface Reporter {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  nodeStart(node: Node, index: number, total: number): void;
  nodeResult(node: Node, result: NodeResult, index: number, total: number): void;
  /** Plain output of a command (ls, show, compile --inline), printed even with --quiet. */
  output(text: string): void;
}
