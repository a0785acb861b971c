export * from './boards/index.ts';
export type * from './boards/kind.ts';
export * from './schemas/api.ts';
export * from './schemas/common.ts';
export * from './schemas/seating.ts';
export * from './protocol/index.ts';
export * from './i18n/index.ts';
export type * from './minutes/section.ts';
export * from './ids.ts';
