import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPOSITORY, tsdbt, writeProject } from '../../helpers/project';

/** The names of the templates a cache file holds (keys are `<file>\0<hash of the text>`). */
const cachedFiles = (file: string) =>
  Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, string> }).entries).map((key) => key.split('\0')[0]);

describe('compiled templates are kept for the next run', () => {
  test("a project's macros in its target/, tsdbt's own beside tsdbt (compiled once per installation), after `parse` too", async () => {
    const dir = writeProject({
      'project.yml': 'name: caches\nprofile: caches\n',
      'macros/twice.sql': '{% macro twice(x) %}{{ x }} * 2{% endmacro %}',
      'models/a.sql': 'select {{ twice(21) }} as answer',
    });
    const run = await tsdbt(dir, 'parse');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(cachedFiles(path.join(dir, 'target', '.tsdbt', 'macro-templates.json'))).toEqual(['macros/twice.sql']);
    expect(cachedFiles(path.join(REPOSITORY, 'dist', 'builtin-templates.json'))).toEqual(
      expect.arrayContaining(['<builtin>/naming.sql', '<builtin>/generic_tests.sql']),
    );
  });
});
