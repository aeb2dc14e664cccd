// Argument parsing shared by the commands: node's parseArgs, strict, with a usage error class.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KgError } from '../archive/errors.ts';

export class UsageError extends KgError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
