import { DATE_MACROS } from './cross-db-dates';
import { MISC_MACROS } from './cross-db-misc';
import { POSTGRES_MACROS } from './cross-db-postgres';
import { SERIES_MACROS } from './cross-db-series';
import { STRING_MACROS } from './cross-db-strings';
import { TYPE_MACROS } from './cross-db-types';
import { GENERIC_TEST_MACROS } from './generic-tests';
import { MATERIALIZATION_MACROS } from './materializations';
import { NAMING_MACROS } from './naming';
import { RELATION_MACROS } from './relations';

/**
 * Macros every project gets, in the `dbt` namespace: dbt-core's defaults with dbt-duckdb's and dbt-postgres' overrides. A project macro of the same name wins, as in
 * dbt (`generate_schema_name`, `default__test_unique`, ...). Keys are the file names shown in errors.
 */
export const BUILTIN_MACRO_FILES: Record<string, string> = {
  'naming.sql': NAMING_MACROS,
  'generic_tests.sql': GENERIC_TEST_MACROS,
  'utils/data_types.sql': TYPE_MACROS,
  'utils/strings.sql': STRING_MACROS,
  'utils/dates.sql': DATE_MACROS,
  'utils/series.sql': SERIES_MACROS,
  'utils/misc.sql': MISC_MACROS,
  'adapters/relation.sql': RELATION_MACROS,
  'materializations/hooks.sql': MATERIALIZATION_MACROS,
  'postgres/utils.sql': POSTGRES_MACROS,
};

/** Where built-in macros say they come from: `<builtin>/naming.sql`, a file no project has. */
export const BUILTIN_FILE_PREFIX = '<builtin>/';
