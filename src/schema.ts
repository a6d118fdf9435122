export * from './platform/schema.js';
export * from './org/schema.js';
export * from './accounts/schema.js';
export * from './services/calendar/schema.js';
export * from './portal/schema.js';
export * from './services/procedures/schema.js';
export * from './services/dossiers/schema.js';
export * from './services/payments/schema.js';
