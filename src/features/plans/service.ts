/**
 * The plans services, one module a resource in ./services/ (plans, revise, actions, milestones,
 * re-baselining, progress updates, and the rules they share). Other features import them from here.
 */
export * from './services/rules.js';
export * from './services/plans.js';
export * from './services/revise.js';
export * from './services/actions.js';
export * from './services/rebaseline.js';
export * from './services/milestones.js';
export * from './services/updates.js';
