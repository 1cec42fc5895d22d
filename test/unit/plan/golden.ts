import fs from 'node:fs';
import path from 'node:path';

const GOLDEN_DIR = path.join(__dirname, 'golden');

/**
 * Compares planned SQL with its committed golden file (test/unit/plan/golden/<name>.sql). A missing or different
 * file fails; `UPDATE_GOLDEN=1 npx jest test/unit/plan` rewrites the files, to be reviewed in the diff.
 */
export function expectGolden(name: string, statements: string[]): void {
  const text = statements.map((s) => `${s};\n`).join('\n');
  const file = path.join(GOLDEN_DIR, `${name}.sql`);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`no golden file ${path.relative(process.cwd(), file)}: run with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}
