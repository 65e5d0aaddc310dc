/**
 * Types, annotations, permissions, pure calculations and the REST client shared by the eks-platform
 * frontend, backend and scaffolder module. Browser-safe: no Node or AWS SDK imports.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './annotations';
export * from './permissions';
export * from './calculations';
export * from './api';
export * from './client';
