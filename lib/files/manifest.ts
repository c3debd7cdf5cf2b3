import { createHash } from 'node:crypto';
import { sortedBy } from '../text/order';

export interface ManifestEntry {
  readonly path: string;
  /** Checksum of the content; absent for secret files (the manifest is committed). */
  readonly sha256?: string;
  readonly mode: string;
  readonly userOwned?: true;
  /** Holds secret material (under `secrets/`, git-ignored). */
  readonly secret?: true;
}

export interface Manifest {
  readonly generator: 'epl';
  readonly files: readonly ManifestEntry[];
}

export const MANIFEST_FILE = 'manifest.json';

export function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function renderManifest(files: readonly ManifestEntry[]): string {
  const sorted = sortedBy(files, (f) => f.path);
  return JSON.stringify({ generator: 'epl', files: sorted } satisfies Manifest, null, 2) + '\n';
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Manifest;
    return value && value.generator === 'epl' && Array.isArray(value.files) ? value : undefined;
  } catch {
    return undefined;
  }
}
