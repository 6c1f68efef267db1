// Governance services, one module a resource in ./service/; this index keeps one import for callers.
export * from './service/common.js';
export * from './service/settings.js';
export * from './service/bodies.js';
export * from './service/meetings.js';
export * from './service/agenda.js';
export * from './service/questions.js';
export * from './service/action-items.js';
export * from './service/requests.js';
export * from './service/papers.js';
export * from './service/decisions.js';
export * from './service/forward-plan.js';
export * from './service/permissions.js';
