export { startSandboxProcess, type SandboxProcess } from './sandbox-process';
export { untilPasses } from './until-passes';
