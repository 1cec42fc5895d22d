import { Relation } from '../../../src/jinja/relation';
import { render } from '../jinja-compat/render-helper';

describe('Relation methods macros call', () => {
  const relation = new Relation('warehouse', 'analytics', 'orders', 'table');

  test('information_schema() addresses the database, not the schema, and names a view when given one', () => {
    expect(render('{{ r.information_schema() }}|{{ r.information_schema("COLUMNS") }}|{{ r.information_schema(view_name="TABLES") }}', { r: relation })).toBe(
      '"warehouse".INFORMATION_SCHEMA|"warehouse".INFORMATION_SCHEMA.COLUMNS|"warehouse".INFORMATION_SCHEMA.TABLES',
    );
    expect(render('{{ r.information_schema_only() }}|{{ r.information_schema().database }}', { r: relation })).toBe('"warehouse".INFORMATION_SCHEMA|warehouse');
  });

  test('the kind predicates', () => {
    expect(render('{{ r.is_table }} {{ r.is_materialized_view }} {{ r.can_be_renamed }}', { r: relation })).toBe('True False True');
  });

  test('incorporate(path=...) replaces the parts given; a part given as none is cleared', () => {
    expect(
      render("{{ r.incorporate(path={'identifier': 'x', 'schema': none, 'database': none}) }}|{{ r.incorporate(path={'schema': 's'}) }}", { r: relation }),
    ).toBe('"x"|"warehouse"."s"."orders"');
  });
});
