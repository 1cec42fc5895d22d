import { versionedSearchName } from '../project/version-order';
import type { Node } from '../project/types';
import type { Manifest } from './manifest';

/**
 * dbt's warnings for models with a `deprecation_date`: the model itself once the date has passed, and every model
 * that refs it (deprecated, or slated for deprecation while the date is ahead).
 */
export function deprecationWarnings(manifest: Manifest, now: Date = new Date()): string[] {
  const warnings: string[] = [];
  const models = [...manifest.nodes.values()].filter((node) => node.resourceType === 'model');
  for (const model of models) {
    if (!model.deprecationDate) continue;
    const date = model.deprecationDate;
    const past = new Date(date).getTime() < now.getTime();
    const versioned = model.version === undefined ? model.name : versionedSearchName(model.name, model.version);
    if (past) warnings.push(`Model ${versioned} has passed its deprecation date of ${date}. This model should be disabled or removed.`);
    for (const child of models.filter((node) => node.dependsOn.nodes.includes(model.uniqueId))) {
      warnings.push(
        `While compiling '${child.name}': Found a reference to ${versioned}, which ${past ? 'was deprecated on' : 'is slated for deprecation on'} '${date}'. ${newerVersion(model, past)}`.trimEnd(),
      );
    }
  }
  return warnings;
}

function newerVersion(model: Node, past: boolean): string {
  if (model.version === undefined || String(model.version) === String(model.latestVersion)) return '';
  const ref = `{{ ref('${model.packageName}', '${model.name}', v='${model.latestVersion}') }}`;
  return `A new version of '${model.name}' is available. ${past ? 'Migrate now' : 'Try it out'}: ${ref}.`;
}
