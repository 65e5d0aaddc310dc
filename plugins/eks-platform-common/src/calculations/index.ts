export * from './types';
export * from './quantities';
export * from './maxPods';
export * from './capacityType';
export * from './podRequests';
export * from './interruptionTaints';
export * from './spotCapacity';
