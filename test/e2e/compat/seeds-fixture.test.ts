import { FixtureProject, expectSuccess } from './fixture-run';

describe('compat-seeds: BOM, CRLF, no final newline, ";" delimiter, odd column names, column_types, custom schema', () => {
  const project = new FixtureProject('compat-seeds');
  const db = 'seeds.duckdb';

  beforeAll(async () => {
    expectSuccess(await project.run('seed'));
  });

  test('the BOM is not part of the first column name, and names keep their spaces and case', async () => {
    const columns = await project.query(
      db,
      "select table_name, column_name, data_type from duckdb_columns() where schema_name = 'main_raw' order by table_name, column_index",
    );
    expect(columns).toEqual([
      { table_name: 'customers', column_name: 'Customer Id', data_type: 'INTEGER' },
      { table_name: 'customers', column_name: 'First Name', data_type: 'VARCHAR' },
      { table_name: 'customers', column_name: 'signupDate', data_type: 'DATE' },
      { table_name: 'prices', column_name: 'sku', data_type: 'VARCHAR' },
      { table_name: 'prices', column_name: 'price', data_type: 'DECIMAL(10,2)' },
      { table_name: 'prices', column_name: 'In Stock', data_type: 'BOOLEAN' },
    ]);
  });

  test('rows: CRLF ends and a quoted comma read right, the unterminated last line is kept, leading zeros survive', async () => {
    const customers = await project.query(db, 'select "Customer Id" as id, "First Name" as name from main_raw.customers order by 1');
    expect(customers).toEqual([
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Grace, H.' },
      { id: 3, name: 'Linus' },
    ]);
    const prices = await project.query(db, 'select sku, price::varchar as price from main_raw.prices order by sku');
    expect(prices).toEqual([
      { sku: '001', price: '9.50' },
      { sku: '002', price: '12.00' },
    ]);
  });

  test('tests on a column with spaces, quoted through quote: true, pass', async () => {
    expectSuccess(await project.run('test'));
  });
});
