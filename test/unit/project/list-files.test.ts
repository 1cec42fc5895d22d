import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../../../src/project/list-files';
import { writeProject } from '../../helpers/project';

const files = {
  'models/b.sql': '',
  'models/a.sql': '',
  'models/staging/c.sql': '',
  'models/staging/notes.md': '',
  'models/schema.yml': '',
  'models/more.yaml': '',
  'models/upper.SQL': '',
  'models/.hidden.sql': '',
  'models/.cache/d.sql': '',
  'data-tests/singular.sql': '',
  'data-tests/generic/my_test.sql': '',
  'data-tests/nested/generic/kept.sql': '',
  'elsewhere/linked.sql': '',
};

describe('listFiles', () => {
  const root = writeProject(files);
  mkdirSync(path.join(root, 'models', 'linked'));
  symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'models', 'linked', 'to-elsewhere'));
  symlinkSync(path.join(root, 'missing'), path.join(root, 'models', 'dangling.sql'));
  const sql = { extensions: ['.sql'] };

  test('lists matching files sorted, under the folder as written, skipping dot names and following links', () => {
    expect(listFiles(root, ['models'], sql)).toEqual(['models/a.sql', 'models/b.sql', 'models/linked/to-elsewhere/linked.sql', 'models/staging/c.sql']);
  });

  test('takes several extensions, trailing slashes, ./ and absolute folders as written', () => {
    expect(listFiles(root, ['models/'], { extensions: ['.yml', '.yaml'] })).toEqual(['models/more.yaml', 'models/schema.yml']);
    expect(listFiles(root, ['./data-tests'], { ...sql, skip: 'generic' })).toEqual(['./data-tests/nested/generic/kept.sql', './data-tests/singular.sql']);
    expect(listFiles(root, [path.join(root, 'elsewhere')], sql)).toEqual([`${path.join(root, 'elsewhere')}/linked.sql`]);
    expect(listFiles(path.join(root, 'elsewhere'), [''], sql)).toEqual(['linked.sql']);
  });

  test('under: only the subfolder; skip leaves out only the top-level subfolder', () => {
    expect(listFiles(root, ['data-tests'], { ...sql, under: 'generic' })).toEqual(['data-tests/generic/my_test.sql']);
    expect(listFiles(root, ['data-tests'], { ...sql, skip: 'generic' })).toEqual(['data-tests/nested/generic/kept.sql', 'data-tests/singular.sql']);
  });

  test('a missing folder or a file given as folder lists nothing', () => {
    expect(listFiles(root, ['nowhere', 'models/a.sql'], sql)).toEqual([]);
  });

  test('several folders: one sorted list', () => {
    expect(listFiles(root, ['models/staging', 'elsewhere'], sql)).toEqual(['elsewhere/linked.sql', 'models/staging/c.sql']);
  });
});
