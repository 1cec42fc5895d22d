/**
 * Command line: `npm run generate-seeds -- --users 2000 --seed 42 --out seeds` writes the
 * StreamFlix raw CSVs. Same arguments, same bytes.
 */
import { generateSeeds, type GenerateSeedsOptions } from './streamflix/generate';

export { generateSeeds, type GenerateSeedsOptions };

const DEFAULTS: GenerateSeedsOptions = { users: 2000, seed: 42, outDir: 'seeds' };

function parseWholeNumber(flag: string, value: string | undefined): number {
  if (value === undefined || !/^-?\d+$/.test(value)) {
    throw new Error(`generate-seeds: ${flag} needs a whole number, got ${value === undefined ? 'nothing' : `'${value}'`}`);
  }
  return Number(value);
}

export function parseArguments(argv: readonly string[]): GenerateSeedsOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--users') options.users = parseWholeNumber(flag, value);
    else if (flag === '--seed') options.seed = parseWholeNumber(flag, value);
    else if (flag === '--out' && value !== undefined) options.outDir = value;
    else throw new Error(`generate-seeds: unknown or incomplete option '${flag}'. Usage: generate-seeds [--users N] [--seed N] [--out DIR]`);
  }
  return options;
}

if (require.main === module) {
  const started = Date.now();
  Promise.resolve()
    .then(() => parseArguments(process.argv.slice(2)))
    .then(async (options) => {
      await generateSeeds(options);
      console.log(`Wrote raw_users.csv, raw_subscriptions.csv, raw_payments.csv to ${options.outDir} in ${Date.now() - started} ms`);
    })
    .catch((error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
}
