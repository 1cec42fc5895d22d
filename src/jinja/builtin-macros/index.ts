import { GENERIC_TEST_MACROS } from './generic-tests';
import { NAMING_MACROS } from './naming';

/**
 * Macros every project gets, in the `dbt` namespace, written for DuckDB. A project macro of the same name wins, as in
 * dbt (`generate_schema_name`, `default__test_unique`, ...). Keys are the file names shown in errors.
 */
export const BUILTIN_MACRO_FILES: Record<string, string> = {
  'naming.sql': NAMING_MACROS,
  'generic_tests.sql': GENERIC_TEST_MACROS,
};
