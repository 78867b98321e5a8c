// The RL environment's public TypeScript API.
export { createEnvironment, Environment, ResetInput, EPISODE_TTL_MS } from './environment.js';
export type { EnvironmentOptions, EnvObservation, EnvInfo, ResetResult, StepResult } from './environment.js';
export { DEFAULT_REWARD, RewardConfig, RewardOverrides } from './reward.js';
export type { RewardBreakdown } from './reward.js';
