import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubClient, hubBaseUrl } from '../../../src/deps/hub-client';

/** A hub answering each path with the given status and body, counting the requests. */
async function fakeHub(routes: Record<string, { status: number; body: string }[]>) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url!);
    const answers = routes[req.url!] ?? [{ status: 404, body: 'no' }];
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const version = (name: string) => ({ name, packages: [], downloads: { tarball: 'https://example.com/x.tgz' } });

test('the base URL comes from DBT_PACKAGE_HUB_URL, with or without its final slash', () => {
  expect(hubBaseUrl({})).toBe('https://hub.getdbt.com/');
  expect(hubBaseUrl({ DBT_PACKAGE_HUB_URL: 'https://mirror.example.com/hub' })).toBe('https://mirror.example.com/hub/');
});

test('a server error is retried; the answer is read once per run', async () => {
  const hub = await fakeHub({
    '/api/v1/a/p.json': [
      { status: 503, body: 'busy' },
      { status: 200, body: JSON.stringify({ name: 'p', namespace: 'a', versions: { '1.0.0': version('p') } }) },
    ],
  });
  try {
    const client = new HubClient(hub.url, () => undefined);
    expect([...(await client.versions('a/p')).keys()]).toEqual(['1.0.0']);
    await client.versions('a/p');
    expect(hub.seen).toEqual(['/api/v1/a/p.json', '/api/v1/a/p.json']);
  } finally {
    await hub.close();
  }
});

test("answers dbt's registry client would refuse are errors naming the package and URL; a redirect is a warning", async () => {
  const hub = await fakeHub({
    '/api/v1/a/list.json': [{ status: 200, body: '[]' }],
    '/api/v1/a/nokeys.json': [{ status: 200, body: JSON.stringify({ name: 'nokeys' }) }],
    '/api/v1/a/bad.json': [{ status: 200, body: JSON.stringify({ name: 'bad', versions: { '1.0.0': { name: 'bad' } } }) }],
    '/api/v1/a/html.json': [{ status: 200, body: '<html>' }],
    '/api/v1/a/old.json': [{ status: 200, body: JSON.stringify({ name: 'old', namespace: 'a', redirectnamespace: 'b', versions: {} }) }],
    '/api/v1/index.json': [{ status: 200, body: '{"not": "a list"}' }],
  });
  const warnings: string[] = [];
  try {
    const client = new HubClient(hub.url, (m) => warnings.push(m));
    await expect(client.versions('a/list')).rejects.toThrow(
      `a/list: unexpected answer from the package hub at ${hub.url}api/v1/a/list.json: expected a JSON object`,
    );
    await expect(client.versions('a/nokeys')).rejects.toThrow('expected the keys name and versions');
    await expect(client.versions('a/bad')).rejects.toThrow('version 1.0.0 lacks name, packages or downloads.tarball');
    await expect(client.versions('a/html')).rejects.toThrow('the answer is not JSON');
    await expect(client.versions('a/missing')).rejects.toThrow(`package a/missing: could not download ${hub.url}api/v1/a/missing.json: HTTP 404 Not Found`);
    await expect(client.index()).rejects.toThrow('expected a list of package names');
    await client.versions('a/old');
    expect(warnings).toEqual(['The package a/old is deprecated in favor of b/old. Please update your `packages.yml` configuration to use b/old instead.']);
  } finally {
    await hub.close();
  }
});
