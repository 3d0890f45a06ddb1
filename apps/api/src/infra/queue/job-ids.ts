import { createHash } from 'node:crypto';

/** BullMQ reserves ':' in custom job ids; this mapping is injective, so distinct ids stay distinct. */
export function toBullJobId(jobId: string): string {
  return jobId.replaceAll('%', '%25').replaceAll(':', '%3A');
}

export function fromBullJobId(id: string): string {
  return id.replaceAll('%3A', ':').replaceAll('%25', '%');
}

/** pg-boss ids are uuids: derive a stable one (v5-shaped, from sha256) from the job name and caller id. */
export function toPgBossJobId(job: string, jobId: string): string {
  const hex = createHash('sha256').update(`${job}\u0000${jobId}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
