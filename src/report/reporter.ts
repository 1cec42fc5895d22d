import type { BatchEvent, NodeResult } from '../execute/results';
import type { Node } from '../project/types';
import type { EventName } from './events';

/** Events of a run, named as dbt names them (`Note` when no name is given); the console and dbt.log listen. */
export interface Reporter {
  debug(message: string, event?: EventName): void;
  info(message: string, event?: EventName): void;
  /** A warning; with --warn-error (or --warn-error-options naming `event`) it throws instead. */
  warn(message: string, event?: EventName): void;
  error(message: string, event?: EventName): void;
  nodeStart(node: Node, index: number, total: number): void;
  nodeResult(node: Node, result: NodeResult, index: number, total: number): void;
  /** A microbatch model's batch: `Batch 1 of 3 START batch 2024-09-17 of main.events`, then its result. */
  batch(event: BatchEvent): void;
  /** Plain output of a command (ls, show, compile --inline), printed even with --quiet. */
  output(text: string, event?: EventName): void;
}
