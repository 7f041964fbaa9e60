// The compute worker from source (development and tests): TypeScript through tsx, then the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
