/* dbt's `return(x)`: ends the running macro, whose call then yields x instead of the macro's rendered text. */
/** Not an Error: macros return often and a stack trace per return would cost more than the rest of the call. */
export class MacroReturn {
  readonly message = 'return() was called outside of a macro: use it only inside {% macro %} ... {% endmacro %}';

  constructor(public value: unknown) {}

  toString(): string {
    return this.message;
  }
}

/** Thrown by the `return` global; every compiled macro catches it (see wrapMacroBody in compiler.ts). */
export function raiseMacroReturn(value: unknown): never {
  throw new MacroReturn(value);
}

type MacroFunction = (...args: unknown[]) => unknown;

/** Calls a nunjucks macro: the value given to return() if it was called, else the rendered output (a SafeString). */
export function callMacroCatchingReturn(fn: MacroFunction, thisArg: unknown, args: unknown[]): unknown {
  try {
    return fn.apply(thisArg, args);
  } catch (error) {
    if (error instanceof MacroReturn) return error.value;
    throw error;
  }
}

/**
 * A macro as a plain function for globals and namespaces. Arguments pass through unchanged, so callers use nunjucks'
 * convention: keyword arguments as a trailing object flagged `__keywords: true`.
 */
export function wrapMacro(macroFn: MacroFunction): (...args: unknown[]) => unknown {
  return function callMacro(this: unknown, ...args: unknown[]): unknown {
    return callMacroCatchingReturn(macroFn, this, args);
  };
}

/** Builds nunjucks' trailing keyword-arguments object, for host code calling macros with named arguments. */
export function keywordArgs(values: Record<string, unknown>): Record<string, unknown> {
  return { ...values, __keywords: true };
}
