// One extract job: extract one stored page into its article and knowledge, saved in one transaction. Reprint
// links span the whole archive and are set by `kg extract` / `kg sync` where the archive is served.
import type { Job } from 'bullmq';
import type { ArchivePort } from '../archive/port.ts';
import { ArchiveError } from '../archive/errors.ts';
import { extractionOf } from '../pipeline/extract.ts';
import type { ExtractJobData } from './jobs.ts';

export async function processExtractJob(archive: ArchivePort, job: Job<ExtractJobData>): Promise<{ articleId: string; status: string }> {
  const page = await archive.getPage(job.data.pageId);
  if (!page) throw new ArchiveError('PAGE_NOT_FOUND', `no page ${job.data.pageId} in the archive at ${archive.location}`);
  const { extraction } = extractionOf(page);
  const articleId = await archive.saveExtraction(page.id, extraction, job.data.version);
  return { articleId, status: extraction.status };
}
