/** `kubectl iot init DIR`: a complete GitOps repository following the design's "Getting started". */
import { mkdirSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { listAssets, readAsset } from '../assets';
import { scaffold, type GitopsEngine } from '../gitops/scaffold';
import { writePlan } from '../gitops/write';
import { validProjectName } from './create/project';
import { namespaceOf, validNamespace, type GlobalArgs } from './options';
import { err } from '../context';

interface InitArgs extends GlobalArgs {
  dir: string;
  project: string;
  engine: GitopsEngine;
  'repo-url': string;
  force: boolean;
}

export const initCommand: CommandModule<GlobalArgs, InitArgs> = {
  command: 'init <dir>',
  describe: 'Write a complete GitOps tree: CRDs, messaging and IoT infrastructure (PostgreSQL), a tenant and a project',
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', demandOption: true, describe: 'Folder to create (or an empty one)' })
      .option('project', { type: 'string', default: 'iot1', describe: 'Name of the example IoT project' })
      .option('engine', { choices: ['argocd', 'flux'] as const, default: 'argocd' as const, describe: 'Who syncs the tree' })
      .option('repo-url', { type: 'string', default: 'https://git.example.com/platform/iot.git', describe: 'Git URL Argo CD or Flux reads' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite files that already exist' })
      .example('kubectl iot init ./iot-gitops -n ns1', 'Then: kubectl kustomize ./iot-gitops, kubectl iot check ./iot-gitops')
      .example('kubectl iot init ./iot-gitops --engine flux --repo-url https://git.example.com/iot.git', 'Wired for Flux') as never,
  handler: (args) => {
    const namespace = namespaceOf(args, 'ns1');
    const files = scaffold({
      infraNamespace: validNamespace(args['infra-namespace'], '--infra-namespace'),
      namespace,
      project: validProjectName(args.project, namespace),
      engine: args.engine,
      repoUrl: args['repo-url'],
      bases: packageBases(),
    });
    mkdirSync(args.dir, { recursive: true });
    const result = writePlan(args.dir, files, args.force);
    err(args.ctx, `wrote ${result.created.length + result.updated.length} files to ${args.dir}`);
    err(args.ctx, `next: kubectl kustomize ${args.dir} | kubectl apply --server-side -f -   (or push it and let ${args.engine === 'argocd' ? 'Argo CD' : 'Flux'} sync deploy/${args.engine}/)`);
  },
};

/** The generated bases shipped with the package (kustomize/crds, kustomize/infrastructure), keyed below kustomize/. */
function packageBases(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const path of [...listAssets('kustomize/crds'), ...listAssets('kustomize/infrastructure')]) {
    files[path.slice('kustomize/'.length)] = readAsset(path, 'utf8');
  }
  return files;
}
