import { dispatchedMacro } from './dispatch-wrapper';

/*
 * dbt's type_* macros return the adapter's name for a portable type (base Column.translate_type: string → TEXT,
 * integer → INT, ...); dbt-duckdb keeps those labels. They return a value, so `col::{{ dbt.type_string() }}` has no
 * stray whitespace.
 */
const TYPE_LABELS: [string, string][] = [
  ['string', 'TEXT'],
  ['int', 'INT'],
  ['bigint', 'BIGINT'],
  ['float', 'FLOAT'],
  ['numeric', 'numeric(28,6)'],
  ['timestamp', 'TIMESTAMP'],
  ['boolean', 'BOOLEAN'],
];

export const TYPE_MACROS = TYPE_LABELS.map(
  ([name, label]) => `${dispatchedMacro(`type_${name}`, '')}
{% macro default__type_${name}() -%}{{ return('${label}') }}{%- endmacro %}`,
).join('\n');
