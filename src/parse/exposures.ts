import { ProjectError, didYouMean, type ErrorCollector } from '../errors';
import type { Exposure, YamlEntry } from '../project/exposures';
import { isPlainObject } from '../project/yaml-file';
import type { Manifest } from './manifest';
import { findSource } from './sources';

const REF = /^\s*ref\(\s*(['"])([^'"]+)\1\s*(?:,\s*(['"])([^'"]+)\3\s*)?(?:,\s*v(?:ersion)?\s*=\s*[^)]*)?\)\s*$/;
const SOURCE = /^\s*source\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*\)\s*$/;

/** The exposures of the project and its packages, their `depends_on` (ref(...) and source(...) strings) resolved to unique ids. */
export function buildExposures(manifest: Manifest, entries: YamlEntry[], errors: ErrorCollector): Map<string, Exposure> {
  const exposures = new Map<string, Exposure>();
  const byName = new Map<string, string>();
  for (const node of manifest.nodes.values()) if (['model', 'seed', 'snapshot'].includes(node.resourceType)) byName.set(node.name, node.uniqueId);
  for (const { value, location, packageName } of entries) {
    errors.attempt(() => {
      const name = String(value.name);
      const uniqueId = `exposure.${packageName}.${name}`;
      if (exposures.has(uniqueId)) throw new ProjectError(`two exposures are named '${name}'`, location, 'give each exposure its own name');
      const dependsOn: string[] = [];
      const refs: Exposure['refs'] = [];
      const sources: Exposure['sources'] = [];
      for (const text of Array.isArray(value.depends_on) ? value.depends_on.map(String) : []) {
        const ref = REF.exec(text);
        const source = SOURCE.exec(text);
        let id: string | undefined;
        if (ref) id = byName.get(ref[4] ?? ref[2]);
        else if (source) id = findSource(manifest, source[2], source[4])?.uniqueId;
        else
          throw new ProjectError(`exposure '${name}': depends_on entries are ref('model') or source('source', 'table'), not ${JSON.stringify(text)}`, location);
        if (!id || (!manifest.nodes.has(id) && !manifest.sources.has(id))) {
          throw new ProjectError(
            `exposure '${name}' depends on ${text.trim()}, which was not found`,
            location,
            (ref && didYouMean(ref[4] ?? ref[2], byName.keys())) ?? 'check the name in depends_on',
          );
        }
        if (!dependsOn.includes(id)) dependsOn.push(id);
        if (ref) refs.push({ name: ref[4] ?? ref[2], package: ref[4] ? ref[2] : null, version: null });
        else if (source) sources.push([source[2], source[4]]);
      }
      const config = isPlainObject(value.config) ? value.config : {};
      exposures.set(uniqueId, {
        uniqueId,
        name,
        packageName,
        fqn: [packageName, name],
        originalFilePath: location.file,
        type: String(value.type ?? ''),
        owner: isPlainObject(value.owner) ? value.owner : {},
        description: String(value.description ?? ''),
        label: typeof value.label === 'string' ? value.label : undefined,
        maturity: typeof value.maturity === 'string' ? value.maturity : undefined,
        url: typeof value.url === 'string' ? value.url : undefined,
        tags: [value.tags, config.tags].flat().filter((t): t is string => typeof t === 'string'),
        meta: { ...(isPlainObject(value.meta) ? value.meta : {}), ...(isPlainObject(config.meta) ? config.meta : {}) },
        config: { enabled: true, ...config },
        dependsOn,
        refs,
        sources,
      });
    });
  }
  return exposures;
}
