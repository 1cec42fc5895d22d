import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tsdbt, writeProject } from '../../helpers/project';

describe('compiled SQL files', () => {
  test('unchanged files are not rewritten; changed or removed ones are', async () => {
    const dir = writeProject({ 'project.yml': 'name: p\n', 'models/a.sql': 'select 1 as id\n', 'models/b.sql': "select * from {{ ref('a') }}\n" });
    const compiled = (name: string) => path.join(dir, 'target/compiled/p/models', name);
    expect((await tsdbt(dir, 'compile')).code).toBe(0);
    const firstWrite = statSync(compiled('b.sql')).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(path.join(dir, 'models/a.sql'), 'select 2 as id\n');
    expect((await tsdbt(dir, 'compile')).code).toBe(0);
    expect(statSync(compiled('b.sql')).mtimeMs).toBe(firstWrite);
    expect(readFileSync(compiled('a.sql'), 'utf8')).toBe('select 2 as id');

    rmSync(path.join(dir, 'target/compiled'), { recursive: true });
    expect((await tsdbt(dir, 'compile')).code).toBe(0);
    expect(existsSync(compiled('b.sql'))).toBe(true);
  });
});
