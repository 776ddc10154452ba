export { loadConfig, parseConfig, mergeSettings } from './load.js';
export { DEFAULT_SETTINGS, PACKAGE_VERSION } from './defaults.js';
export type { SettingsOverride } from './schema.js';
