import type { QueryResult } from '../adapters/adapter';

/** Statements that only read: asked again with the same text and nothing written in between, the answer is the same. */
const READ = /^\s*(select|show|describe|pragma|explain)\b/i;

/**
 * The answers of one render's queries, in the order it asked them, shared by its passes: a pass re-run after an answer
 * asks the same queries in the same order, so the n-th query of a pass gets the n-th answer. A statement the render
 * runs twice (an insert in a loop) runs twice, as in dbt; a read asked again with no write since reuses its answer
 * without a new pass.
 */
export class QueryAnswers {
  private readonly answered: { sql: string; result: QueryResult }[] = [];

  /** The lookups of one pass: the answer of its next query, or undefined when that query must run first. */
  pass(): (sql: string) => QueryResult | undefined {
    let next = 0;
    return (sql) => {
      const known = this.answered[next];
      if (known?.sql !== sql) {
        // A pass that asks something else from here on: what was answered after this point no longer applies.
        this.answered.length = next;
        const earlier = READ.test(sql) ? this.readSinceLastWrite(sql) : undefined;
        if (!earlier) return undefined;
        this.answered.push({ sql, result: earlier });
      }
      return this.answered[next++].result;
    };
  }

  add(sql: string, result: QueryResult): void {
    this.answered.push({ sql, result });
  }

  private readSinceLastWrite(sql: string): QueryResult | undefined {
    for (let i = this.answered.length - 1; i >= 0; i--) {
      const { sql: asked, result } = this.answered[i];
      if (asked === sql) return result;
      if (!READ.test(asked)) return undefined;
    }
    return undefined;
  }
}
