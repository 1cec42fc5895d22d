import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { c as createTar } from 'tar';
import { parse } from 'yaml';

const REPO = path.resolve(__dirname, '..', '..');

/** Real dbt packages, unchanged, in ../shared/dbt-packages beside the repository (or beside its worktrees' folder). */
export const SHARED_PACKAGES = [path.join(REPO, '..', 'shared', 'dbt-packages'), path.join(REPO, '..', '..', 'shared', 'dbt-packages')].find((dir) =>
  existsSync(path.join(dir, 'dbt_utils', 'dbt_project.yml')),
);

export interface HubPackageVersion {
  /** The package's folder (holding dbt_project.yml), packed as the hub's tarball. */
  dir: string;
  /** The download stops halfway through, the connection cut. */
  broken?: boolean;
}

export interface TestHub {
  /** Base URL, as DBT_PACKAGE_HUB_URL takes it. */
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  tarballUrl(pkg: string, version: string): string;
  close(): Promise<void>;
}

function tmp(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A .tar.gz of `dir` wrapped in one top folder, as GitHub's release tarballs are. */
export function packTarball(dir: string, top: string): Buffer {
  const stage = tmp('tsdbt-pack-');
  cpSync(dir, path.join(stage, top), { recursive: true });
  const file = path.join(stage, 'out.tar.gz');
  createTar({ gzip: true, file, cwd: stage, sync: true, portable: true }, [top]);
  const bytes = readFileSync(file);
  rmSync(stage, { recursive: true, force: true });
  return bytes;
}

/** A small package folder: dbt_project.yml (name, version, require-dbt-version), packages.yml and extra files. */
export function writePackage(
  name: string,
  options: { version?: string; packages?: unknown[]; requireDbtVersion?: unknown; files?: Record<string, string> } = {},
): string {
  const dir = tmp(`tsdbt-pkg-${name}-`);
  const project = [`name: ${name}`, `version: '${options.version ?? '1.0.0'}'`, 'config-version: 2'];
  if (options.requireDbtVersion !== undefined) project.push(`require-dbt-version: ${JSON.stringify(options.requireDbtVersion)}`);
  writeFileSync(path.join(dir, 'dbt_project.yml'), project.join('\n') + '\n');
  if (options.packages) writeFileSync(path.join(dir, 'packages.yml'), `packages: ${JSON.stringify(options.packages)}\n`);
  for (const [file, contents] of Object.entries(options.files ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
  return dir;
}

function readProject(dir: string): { name: string; packages: unknown[]; requireDbtVersion?: unknown } {
  const project = parse(readFileSync(path.join(dir, 'dbt_project.yml'), 'utf8')) as Record<string, unknown>;
  const packagesFile = path.join(dir, 'packages.yml');
  const packages = existsSync(packagesFile) ? ((parse(readFileSync(packagesFile, 'utf8')) as { packages?: unknown[] })?.packages ?? []) : [];
  return { name: String(project.name), packages, requireDbtVersion: project['require-dbt-version'] };
}

/**
 * A package hub on 127.0.0.1 answering as hub.getdbt.com does (the JSON dbt-core's registry client reads):
 * api/v1/index.json, api/v1/<namespace>/<name>.json and the tarballs they point at.
 */
export async function startTestHub(packages: Record<string, Record<string, HubPackageVersion>>): Promise<TestHub> {
  const requests: string[] = [];
  const tarballs = new Map<string, { bytes: Buffer; broken: boolean }>();
  const documents = new Map<string, unknown>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const doc = documents.get(url);
    if (doc !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(doc));
      return;
    }
    const tarball = tarballs.get(url);
    if (tarball) {
      res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': tarball.bytes.length });
      if (tarball.broken) {
        res.write(tarball.bytes.subarray(0, Math.floor(tarball.bytes.length / 2)), () => res.destroy());
        return;
      }
      res.end(tarball.bytes);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const tarballPath = (pkg: string, version: string) => `/tarballs/${pkg}/${version}.tar.gz`;

  documents.set('/api/v1/index.json', Object.keys(packages));
  for (const [pkg, versions] of Object.entries(packages)) {
    const [namespace, repo] = pkg.split('/');
    const entries: Record<string, unknown> = {};
    for (const [version, spec] of Object.entries(versions)) {
      const project = readProject(spec.dir);
      tarballs.set(tarballPath(pkg, version), { bytes: packTarball(spec.dir, `${namespace}-${repo.replace(/_/g, '-')}-${version}`), broken: !!spec.broken });
      entries[version] = {
        id: `${pkg}/${version}`,
        name: project.name,
        version,
        published_at: '2024-01-01T00:00:00Z',
        packages: project.packages,
        works_with: [],
        ...(project.requireDbtVersion === undefined ? {} : { require_dbt_version: project.requireDbtVersion }),
        _source: { type: 'github', url: `https://github.com/${pkg}/tree/${version}/`, readme: '' },
        downloads: { tarball: base + tarballPath(pkg, version).slice(1), format: 'tgz', sha1: '' },
      };
    }
    documents.set(`/api/v1/${pkg}.json`, { name: repo, namespace, latest: Object.keys(versions).pop(), description: '', assets: {}, versions: entries });
  }
  return {
    url: base,
    requests,
    tarballUrl: (pkg, version) => base + tarballPath(pkg, version).slice(1),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local port nothing listens on: a hub that is down. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    encoding: 'utf8',
  }).trim();
}

export interface GitRepo {
  /** file:// URL of a bare repository. */
  url: string;
  /** Commits a new state of the files (replacing them) on the default branch; returns its sha. */
  commit(dir: string, tag?: string): string;
}

/** A bare git repository reached by a file:// URL, its default branch `main` holding `dir` (tagged `tag`). */
export function gitRepo(dir: string, tag?: string): GitRepo {
  const work = tmp('tsdbt-git-work-');
  git(work, 'init', '--quiet', '--initial-branch=main');
  const bare = tmp('tsdbt-git-bare-');
  git(bare, 'init', '--quiet', '--bare', '--initial-branch=main');
  git(work, 'remote', 'add', 'origin', bare);
  const commit = (from: string, label?: string) => {
    for (const entry of execFileSync('ls', ['-A', work], { encoding: 'utf8' }).split('\n')) {
      if (entry && entry !== '.git') rmSync(path.join(work, entry), { recursive: true, force: true });
    }
    cpSync(from, work, { recursive: true });
    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '--allow-empty', '-m', label ?? 'commit');
    if (label) git(work, 'tag', label);
    git(work, 'push', '--quiet', '--tags', 'origin', 'main');
    return git(work, 'rev-parse', 'HEAD');
  };
  commit(dir, tag);
  return { url: `file://${bare}`, commit };
}
