import { packageRoot } from '../version';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ProjectError } from '../errors';
import { SITE_DATA_FILES } from './site/data';

/** What the site reads: dbt's two artifacts and tsdbt's own additions (shapes in ./site/data). */
export type SiteData = Record<keyof typeof SITE_DATA_FILES, unknown>;

/** The site's script and styles, bundled at build time into dist/docs-site/. */
function siteAssets(): { js: string; css: string } {
  const dir = path.join(packageRoot(), 'dist', 'docs-site');
  const js = path.join(dir, 'app.js');
  if (!existsSync(js))
    throw new ProjectError('the docs site is not built', { file: path.relative(process.cwd(), js) }, 'run `npm run build` in the tsdbt folder');
  return { js: readFileSync(js, 'utf8'), css: readFileSync(path.join(dir, 'app.css'), 'utf8') };
}

/** Text placed inside a <script> element must never close it or open a comment. */
function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON inside <script type="application/json">: `<` escaped so that no string can end the element. */
function jsonInScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * One HTML page holding the whole site. With `data` it is self-contained (opens from file://);
 * without, it fetches the files of SITE_DATA_FILES from its own folder.
 */
export function siteHtml(assets: { js: string; css: string }, data?: SiteData): string {
  const embedded = data
    ? Object.entries(data)
        .map(([key, value]) => `<script type="application/json" id="tsdbt-data-${key}">${jsonInScript(value)}</script>`)
        .join('\n')
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tsdbt docs</title>
<link rel="icon" href="data:,">
<style>${assets.css.replace(/<\/(style)/gi, '<\\/$1')}</style>
</head>
<body>
<div id="app"></div>
${embedded}
<script>${scriptSafe(assets.js)}</script>
</body>
</html>
`;
}

/** Writes index.html (and, with `staticFile`, static_index.html holding the data too) into the target folder. */
export function writeSite(targetDir: string, data: SiteData, staticFile: boolean): string[] {
  const assets = siteAssets();
  writeFileSync(path.join(targetDir, SITE_DATA_FILES.tsdbt), JSON.stringify(data.tsdbt));
  writeFileSync(path.join(targetDir, 'index.html'), siteHtml(assets));
  const written = ['index.html'];
  if (staticFile) {
    writeFileSync(path.join(targetDir, 'static_index.html'), siteHtml(assets, data));
    written.push('static_index.html');
  }
  return written;
}
