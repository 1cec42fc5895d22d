/**
 * dbt's public cross-database macros are thin entry points: `name(args)` hands its arguments to whichever of
 * `<adapter>__name` / `default__name` adapter.dispatch finds, so a project can override either layer.
 */
export function dispatchedMacro(name: string, signature: string): string {
  const forwarded = signature
    .split(',')
    .map((param) => param.split('=')[0].trim())
    .filter(Boolean)
    .join(', ');
  return `{% macro ${name}(${signature}) -%}{{ return(adapter.dispatch('${name}', 'dbt')(${forwarded})) }}{%- endmacro %}`;
}
