import { Architecture } from '../../../constructs/core/enums';
import { dockerRepositoryProblem, SHA256_DIGEST } from '../../../lib/formats/docker';
import { defineRule } from '../rule';

/** Why `digest` is not `sha256:` and 64 lowercase hex digits, or undefined. */
function digestProblem(digest: string): string | undefined {
  if (!digest.startsWith('sha256:')) return `digest '${digest}' does not start with 'sha256:'`;
  if (digest.length !== 71) return `digest '${digest}' has ${digest.length} characters, not 71 ('sha256:' and 64 hex digits)`;
  if (!SHA256_DIGEST.test(digest)) return `digest '${digest}' has characters other than lowercase hex digits after 'sha256:'`;
  return undefined;
}

export const digestFormat = defineRule({
  code: 'images/digest-format',
  severity: 'error',
  title: "An image digest is 'sha256:' and 64 lowercase hex digits",
  doc: 'Workloads run images by digest, so a pin names one exact build that cannot change under it. Copy the digest Docker prints (`docker buildx imagetools inspect <image>:<tag>` shows one per architecture).',
  reference: ['DockerImageChecksumDoesntStartWithSha256', 'DockerImageChecksumBadLength', 'DockerImageChecksumBadSymbols'],
  check(model, report) {
    for (const pin of model.dockerImagePins) {
      pin.images.forEach((image, i) => {
        const problem = digestProblem(image.digest);
        if (problem) report(pin, `pin '${pin.pinName}': ${problem}`, { prop: ['images', i, 'digest'] });
      });
    }
  },
});

export const repositoryFormat = defineRule({
  code: 'images/repository-format',
  severity: 'error',
  title: 'An image repository is a valid Docker repository name',
  doc: "The repository is written into Nomad jobs as `repository@digest`. It is `[host[:port]/]path`, each path component lowercase letters and digits joined by '.', '_', '__' or '-' (`haproxy`, `grafana/loki`, `registry.example.com:5000/team/app`); the tag and digest go in their own props.",
  check(model, report) {
    for (const pin of model.dockerImagePins) {
      pin.images.forEach((image, i) => {
        const problem = dockerRepositoryProblem(image.repository);
        if (problem) report(pin, `pin '${pin.pinName}': repository '${image.repository}' is not a Docker repository name: ${problem}`, { prop: ['images', i, 'repository'] });
      });
    }
  },
});

export const onePerArchitecture = defineRule({
  code: 'images/one-image-per-architecture',
  severity: 'error',
  title: 'A pin has at most one image per architecture',
  doc: 'A workload on an x86_64 server runs the pin\'s x86_64 image; with two there would be no telling which. Make a second pin for the other build.',
  reference: ['DockerImagePinContainsMultipleImagesForSameArchitecture'],
  check(model, report) {
    for (const pin of model.dockerImagePins) {
      const first = new Map<Architecture, number>();
      pin.images.forEach((image, i) => {
        const arch = image.architecture ?? Architecture.X86_64;
        const earlier = first.get(arch);
        if (earlier === undefined) first.set(arch, i);
        else report(pin, `pin '${pin.pinName}' has a second ${arch} image (image ${i + 1}; image ${earlier + 1} is ${arch} too)`, { prop: ['images', i] });
      });
    }
  },
});
