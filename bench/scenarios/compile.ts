import path from 'node:path';
import { relative, resetRun, type BenchContext, type BenchRow } from '../context';
import { installDataform, writeSqlxProject, type DataformInstall } from '../dataform';
import { generateProject } from '../generate-project';
import { measureNode } from '../measure';
import { alternate, repeat, type Summary } from '../stats';

const GOALS: Record<number, string> = { 10000: '<= 1.0 s, <= 500 MB', 50000: '<= 5 s, <= 2 GB' };

/** Cold compile (no target/, no database) of N synthetic models, then the same compile again with nothing changed. */
export async function compileSynthetic(ctx: BenchContext, models: number): Promise<BenchRow[]> {
  const project = generateProject({ models, outDir: path.join(ctx.workDir, `synthetic-${models}`) });
  const args = [ctx.tsdbt, 'compile', '--quiet', '--project-dir', project.dir];
  const command = `node bin/tsdbt.js compile --quiet --project-dir ${relative(ctx, project.dir)}`;
  ctx.log(`compile: ${models} models (${project.tests} tests)`);
  const cold = await repeat(ctx.runs, () => {
    resetRun(project.dir, project.name);
    return measureNode(args, { cwd: ctx.workDir });
  });
  const warm = await repeat(ctx.runs, () => measureNode(args, { cwd: ctx.workDir }));
  const size = `${models.toLocaleString('en-US')} models + ${project.tests.toLocaleString('en-US')} tests`;
  return [
    {
      id: `compile-${models}`,
      section: 'Compile',
      measure: `compile ${size}, cold`,
      command: `rm -rf target *.duckdb; ${command}`,
      tsdbt: cold,
      goal: GOALS[models],
      note: `${Math.round((cold.wallMs / models) * 1000)} µs per model`,
    },
    { id: `compile-${models}-again`, section: 'Compile', measure: `compile ${size}, again with nothing changed`, command, tsdbt: warm },
  ];
}

/** `dataform compile` on the SQLX twin of the same synthetic project. */
export async function compileDataform(ctx: BenchContext, sizes: number[]): Promise<BenchRow[]> {
  let install: DataformInstall;
  try {
    ctx.log('dataform: installing @dataform/cli and @dataform/core with npm');
    install = installDataform(path.join(ctx.workDir, 'dataform'));
  } catch (error) {
    const reason = (error as Error).message;
    ctx.log(`dataform: not measured: ${reason}`);
    return [
      {
        id: 'dataform',
        section: 'Peer: Dataform compile',
        measure: 'Dataform CLI',
        command: 'npm install @dataform/cli @dataform/core',
        tsdbt: { runs: 0, wallMs: NaN },
        note: `not measured: ${reason}`,
      },
    ];
  }
  const rows: BenchRow[] = [];
  // 10 models first: Dataform's fixed cost (start-up, worker, sandbox), apart from its cost per model.
  for (const models of [10, ...sizes]) rows.push(await dataformVersusTsdbt(ctx, install, models));
  return rows;
}

async function dataformVersusTsdbt(ctx: BenchContext, install: DataformInstall, models: number): Promise<BenchRow> {
  const synthetic = generateProject({ models, outDir: path.join(ctx.workDir, `synthetic-${models}`) });
  const sqlx = path.join(ctx.workDir, `dataform-${models}`);
  writeSqlxProject(sqlx, synthetic.models, synthetic.seeds, { modules: install.coreModules, version: install.coreVersion });
  // Dataform takes tens of ms per model here: one run each in the quick bench.
  const runs = ctx.full ? ctx.runs : 1;
  // Dataform stops a compile after 60 s unless told otherwise; 10k models take longer here.
  const dataformArgs = [install.bin, 'compile', '--json', '--timeout=1h', sqlx];
  const dataformCommand = `dataform compile --json --timeout=1h ${relative(ctx, sqlx)}`;
  const label = models.toLocaleString('en-US');
  ctx.log(`dataform: compile ${models} models with Dataform and tsdbt, alternately (${runs} run${runs > 1 ? 's' : ''} each)`);
  let dataform: Summary;
  let tsdbt: Summary;
  try {
    [dataform, tsdbt] = await alternate(
      runs,
      () => measureNode(dataformArgs, { cwd: ctx.workDir }),
      () => {
        resetRun(synthetic.dir, synthetic.name);
        return measureNode([ctx.tsdbt, 'compile', '--quiet', '--project-dir', synthetic.dir], { cwd: ctx.workDir });
      },
    );
  } catch (error) {
    const reason = (error as Error).message.split('\n').slice(0, 2).join(' ');
    return {
      id: `dataform-${models}`,
      section: 'Peer: Dataform compile',
      measure: `${label} models`,
      command: dataformCommand,
      tsdbt: { runs: 0, wallMs: NaN },
      note: `Dataform failed: ${reason}`,
    };
  }
  return {
    id: `dataform-${models}`,
    section: 'Peer: Dataform compile',
    measure: `${label} models (tsdbt cold vs Dataform ${install.cliVersion}, core ${install.coreVersion})`,
    command: `node bin/tsdbt.js compile --quiet --project-dir ${relative(ctx, synthetic.dir)}`,
    tsdbt,
    reference: { name: `Dataform ${install.cliVersion}`, command: dataformCommand, summary: dataform },
  };
}
