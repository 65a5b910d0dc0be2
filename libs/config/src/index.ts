export { isLoopbackHost } from './loopback';
