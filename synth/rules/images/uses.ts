import { planPlatform } from '../../plan/platform';
import { defineRule } from '../rule';
import { checkImageArchitectures, checkImageSets } from './check-uses';

export const useExpectedSet = defineRule({
  code: 'images/use-expected-set',
  severity: 'error',
  title: "A workload's pin belongs to the image set the workload expects",
  doc: 'Each image prop of a service accepts one set (`DockerImageSet.POSTGRES` for a Postgres deployment\'s image, `DockerImageSet.HAPROXY` for its proxy, ...): another set\'s image would start with the wrong entrypoint and configuration. Choose a pin of that set.',
  reference: ['DockerImageDoesNotBelongToTheExpectedSet'],
  check(model, report) {
    checkImageSets(planPlatform(model).images, report);
  },
});

export const useArchitecture = defineRule({
  code: 'images/use-architecture',
  severity: 'error',
  title: 'A pin has an image for the architecture of the servers its workload runs on',
  doc: 'Nomad places a workload on servers of one architecture and Docker pulls the pin\'s image for it by digest; without one the job cannot start. Add an image for that architecture to the pin (`architecture` of a `DockerImage`), or run the workload on other servers.',
  reference: ['DockerImageNotFoundForArchitectureForPin'],
  check(model, report) {
    checkImageArchitectures(planPlatform(model).images, report);
  },
});
