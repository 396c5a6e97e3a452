export * from './organisations';
export * from './auth';
export * from './cases';
export * from './audit';
export * from './collab';
export * from './lab';
export * from './journeys';
export * from './invites';
