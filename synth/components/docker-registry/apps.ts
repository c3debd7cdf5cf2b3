import type { Region } from '../../../constructs/core/region';
import type { Model } from '../../model/model';
import { nomadJobFileName } from '../../plan/nomad/job';
import { snake } from '../../../lib/formats/rust';
import { compareCodePoints } from '../../../lib/text/order';
import { appJobName } from '../backend-app/names';

/** One image L2 provisioning builds and pushes: an application for one architecture. */
export interface AppImage {
  /** The application's name: `apps/<app>/` holds its crate. */
  readonly app: string;
  /** The crate's binary (Cargo names it after the package, `snake(app)`). */
  readonly binary: string;
  readonly arch: string;
  /** The region's job files (`nomad-jobs/`) whose task runs this image. */
  readonly jobFiles: readonly string[];
}

/** The images of the backend applications deployed in `region`, by application then architecture. */
export function appImagesOf(model: Model, region: Region): AppImage[] {
  const byKey = new Map<string, { app: string; arch: string; files: Set<string> }>();
  for (const d of model.backendDeployments) {
    if (d.region !== region) continue;
    const app = d.application.applicationName;
    const arch = String(d.workloadArchitecture);
    const k = `${app}\n${arch}`;
    let e = byKey.get(k);
    if (!e) byKey.set(k, (e = { app, arch, files: new Set() }));
    e.files.add(nomadJobFileName({ namespace: d.namespace, name: appJobName(d) }));
  }
  return [...byKey.values()]
    .sort((a, b) => compareCodePoints(a.app, b.app) || compareCodePoints(a.arch, b.arch))
    .map((e) => ({ app: e.app, binary: snake(e.app), arch: e.arch, jobFiles: [...e.files].sort(compareCodePoints) }));
}

/** Where the build keeps its results on the provisioning server, unless `EPL_APP_IMAGES_DIR` says otherwise. */
export const APP_IMAGES_DIR = '/var/lib/epl-app-images';
