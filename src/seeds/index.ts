export { loadSeed, type SeedLoadOptions, type SeedLoadResult } from './load-seed';
export { SeedLoadError } from './seed-load-error';
