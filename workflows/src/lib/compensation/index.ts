export { CompensationStack, type Compensation, type UnwindReport } from './compensation-stack';
