/* AST node types the Jinja2 parser adds to nunjucks' own (see parser.ts), each compiled by compiler.ts. */
import { nodes } from './nunjucks-internals';

/** `xs[start:stop:step]` inside a subscript. */
export const Slice = nodes.Node.extend('Slice', { fields: ['start', 'stop', 'step'] });
/** A condition tested with Python's truthiness. */
export const PyTruth = nodes.Node.extend('PyTruth', { fields: ['target'] });
/** `{% do expr %}` */
export const DoNode = nodes.Node.extend('Do', { fields: ['expr'] });
/** `f(*args)` and `f(**mapping)` in a call's arguments. */
export const SpreadArgs = nodes.Node.extend('SpreadArgs', { fields: ['target'] });
export const SpreadKwargs = nodes.Node.extend('SpreadKwargs', { fields: ['target'] });
/** First statement of a for-loop body: forgets what the previous iteration assigned (see compileFor). */
export const LoopIterationStart = nodes.Node.extend('LoopIterationStart', { fields: ['names'] });
/** `{% break %}` and `{% continue %}` (Jinja2's loopcontrols extension, which dbt enables). */
export const LoopControl = nodes.Node.extend('LoopControl', { fields: ['keyword'] });

/** `{% with a = 1, b = x %}...{% endwith %}`: names visible only inside the block. */
export const WithBlock = nodes.Node.extend('WithBlock', { fields: ['targets', 'values', 'body'] });
/** Last statement of a for-loop body with an else: records that an iteration ran to its end (Jinja2's for-else). */
export const LoopBodyEnd = nodes.Node.extend('LoopBodyEnd', { fields: ['flag'] });
/** First statement of a for-loop's else: makes it test that record instead of the item count. */
export const LoopElseStart = nodes.Node.extend('LoopElseStart', { fields: ['flag'] });

/** A bare name printed by `{{ name }}`: warned about when undefined at execution (it renders empty, as in dbt). */
export const OutputName = nodes.Node.extend('OutputName', { fields: ['target'] });

/** Node types nunjucks' own type assertions do not know but accept wherever an expression may stand. */
export const COMPAT_EXPRESSION_TYPES = new Set(['Slice', 'PyTruth', 'Do', 'SpreadArgs', 'SpreadKwargs']);
