import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../../../src/project/list-files';
import { writeProject } from '../../helpers/project';

describe('listFiles', () => {
  const root = writeProject({
    'models/b.sql': '',
    'models/a.sql': '',
    'models/staging/c.sql': '',
    'models/schema.yml': '',
    'models/more.yaml': '',
    'models/.hidden.sql': '',
    'models/.cache/d.sql': '',
    'data-tests/singular.sql': '',
    'data-tests/generic/my_test.sql': '',
    'elsewhere/linked.sql': '',
    'odd [dir]/x.sql': '',
  });
  mkdirSync(path.join(root, 'models', 'linked'));
  symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'models', 'linked', 'to-elsewhere'));

  test('lists matching files sorted, relative to the base, skipping dot names and following links', () => {
    expect(listFiles(root, ['models'], '**/*.sql')).toEqual(['models/a.sql', 'models/b.sql', 'models/linked/to-elsewhere/linked.sql', 'models/staging/c.sql']);
    expect(listFiles(root, ['models'], '**/*.{yml,yaml}')).toEqual(['models/more.yaml', 'models/schema.yml']);
  });

  test('several folders give one sorted list; ignore leaves out a subfolder; a missing folder lists nothing', () => {
    expect(listFiles(root, ['models/staging', 'elsewhere', 'nowhere'], '**/*.sql')).toEqual(['elsewhere/linked.sql', 'models/staging/c.sql']);
    expect(listFiles(root, ['data-tests'], '**/*.sql', ['data-tests/generic/**'])).toEqual(['data-tests/singular.sql']);
  });

  test('folder names holding glob characters are taken literally', () => {
    expect(listFiles(root, ['odd [dir]'], '**/*.sql')).toEqual(['odd [dir]/x.sql']);
  });
});
