export * from './feed.js';
export * from './settings.js';
export * from './item.js';
export * from './story.js';
export * from './classification.js';
export * from './errors.js';
export * from './fetch.js';
export * from './draft.js';
