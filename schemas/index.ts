// Public surface of schemas/: shared by the server, seed/import tooling and the browser client.
export * from './taxonomy';
export * from './errors';
export * from './defs';
export * from './dataset';
export * from './labeling-procedure';
export * from './artifact';
export * from './policy';
export * from './access';
export * from './organization';
export * from './user';
export * from './auth';
export * from './ajv';
export * from './merge-patch';
