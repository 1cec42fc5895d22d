import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveRequestPath } from '../../../src/docs/serve';
import { siteHtml } from '../../../src/docs/site-files';

describe('the site page', () => {
  it('embeds data so that no string in it can close the script element', () => {
    const html = siteHtml({ js: 'console.log("</script>")', css: 'a{}' }, { manifest: { d: '</script><script>alert(1)</script>' }, catalog: {}, tsdbt: {} });
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    expect(html).toContain('<script type="application/json" id="tsdbt-data-manifest">{"d":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}</script>');
    expect(html).toContain('console.log("<\\/script>")');
  });

  it('without data, holds no data elements (the served page fetches the JSON files)', () => {
    expect(siteHtml({ js: '', css: '' })).not.toContain('application/json');
  });
});

describe('docs serve paths', () => {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'tsdbt-serve-')));
  mkdirSync(path.join(root, 'sub'));
  writeFileSync(path.join(root, 'index.html'), '');
  writeFileSync(path.join(root, 'sub', 'index.html'), '');
  writeFileSync(path.join(root, 'manifest.json'), '');

  it('serves files of the folder, index.html for folders', () => {
    expect(resolveRequestPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveRequestPath(root, '/manifest.json?x=1')).toBe(path.join(root, 'manifest.json'));
    expect(resolveRequestPath(root, '/sub/')).toBe(path.join(root, 'sub', 'index.html'));
  });

  it('never reaches outside the folder, encoded or not', () => {
    expect(resolveRequestPath(root, '/../etc/passwd')).toBeNull();
    expect(resolveRequestPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveRequestPath(root, '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveRequestPath(root, '/missing.json')).toBeNull();
    expect(resolveRequestPath(root, '/%E0%A4%A')).toBeNull();
  });
});
