/*
 * Where an error inside a macro happened. nunjucks reports the line of the template that called the macro; a macro
 * body's catch records its own file and line on the error on the way out, so that a mistake in a package's macro is
 * reported at that macro's file:line.
 */
import { MacroReturn } from './macro-return';

const MACRO_LOCATION = Symbol.for('tsdbt.macro-location');

export interface MacroLocation {
  file: string;
  line: number;
}

/**
 * Called by compiled macro bodies (`lineno` counts from 0). The innermost macro of a project or package file is kept;
 * built-in macros (`<builtin>/...`, no file a user can open) give way to the macro that called them.
 */
export function locateMacroError(error: unknown, file: string, lineno: number): unknown {
  if (error instanceof MacroReturn || error === null || typeof error !== 'object') return error;
  const known = (error as Record<symbol, MacroLocation | undefined>)[MACRO_LOCATION];
  if (!known || (known.file.startsWith('<') && !file.startsWith('<')))
    Object.defineProperty(error, MACRO_LOCATION, { value: { file, line: lineno + 1 }, enumerable: false, configurable: true });
  return error;
}

/** The macro location recorded on an error or on one of its causes (nunjucks wraps errors as their `cause`). */
export function macroLocationOf(error: unknown): MacroLocation | undefined {
  let current = error as ({ cause?: unknown } & Record<symbol, unknown>) | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const location = current[MACRO_LOCATION] as MacroLocation | undefined;
    if (location) return location;
    current = current.cause as typeof current;
  }
  return undefined;
}
