import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testArchivePort } from '../test/conformance/archive-port.ts';
import { SqliteArchivePort } from './sqlite-port.ts';

testArchivePort('SqliteArchivePort', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kg-port-'));
  return { open: async () => SqliteArchivePort.open({ dataDir }) };
});
