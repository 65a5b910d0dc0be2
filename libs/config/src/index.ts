export {
  ConfigError,
  readAll,
  readEnv,
  type ConfigProblem,
  type Env,
  type EnvShape,
  type EnvValues,
  type VariableSchema,
} from './env';
export { httpUrl, json, logLevel, logLevels, port, readLogLevel, text, wholeNumber, type LogLevel } from './schemas';
export { isLoopbackHost } from './loopback';
export { loadTracingSettings, type TracingSettings } from './tracing-settings';
