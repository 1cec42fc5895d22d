/** The seed generator is deterministic, validates its arguments, and reproduces the committed seeds. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSeeds, parseArguments } from '../../scripts/generate-seeds';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const FILES = ['raw_users.csv', 'raw_subscriptions.csv', 'raw_payments.csv'];

describe('generate-seeds', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'streamflix-seeds-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('reproduces the committed seeds byte for byte with the default arguments', async () => {
    await generateSeeds(parseArguments(['--users', '2000', '--seed', '42', '--out', outDir]));
    for (const file of FILES) expect(readFileSync(join(outDir, file)).equals(readFileSync(join(SEEDS, file)))).toBe(true);
  });

  it('gives other data for another seed', async () => {
    await generateSeeds({ users: 50, seed: 1, outDir: join(outDir, 'a') });
    await generateSeeds({ users: 50, seed: 2, outDir: join(outDir, 'b') });
    const read = (dir: string) => readFileSync(join(outDir, dir, 'raw_payments.csv'), 'utf8');
    expect(read('a')).not.toBe(read('b'));
    expect(read('a').startsWith('payment_id,subscription_id,amount,payment_date,status\n')).toBe(true);
  });

  it('defaults to 2000 users, seed 42, into seeds/', () => {
    expect(parseArguments([])).toEqual({ users: 2000, seed: 42, outDir: 'seeds' });
  });

  it('rejects unusable arguments with a message naming the option', async () => {
    expect(() => parseArguments(['--users', 'many'])).toThrow("--users needs a whole number, got 'many'");
    expect(() => parseArguments(['--rows', '5'])).toThrow("unknown or incomplete option '--rows'");
    await expect(generateSeeds({ users: 0, seed: 1, outDir })).rejects.toThrow('--users must be a whole number of at least 1');
  });
});
