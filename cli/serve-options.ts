// The options `kg serve` and `kg start` share. Kept apart from serve.ts (which loads the whole API) so that
// `kg start` can fork its workers before loading anything heavy.
import { UsageError } from './args.ts';

export const SERVE_OPTIONS = {
  port: { type: 'string', default: process.env.PORT ?? '4000' },
  host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
  workers: { type: 'string' },
} as const;

export function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, not ${port}`);
  return port;
}
