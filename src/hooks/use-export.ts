// `X` in the profile table: the marked profiles (or every one) written as a spex profiles file
// (domain/as-code/profiles-file.ts) where the user said (a file named after the instance in the working
// directory is offered); never over a file that is already there. The details come through the loader (cached when the table has them).
import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { useEffect, useRef } from 'react';
import type { DetailLoader, RegionService } from '../aws/types.js';
import { profilesYaml, toProfilesFile } from '../domain/as-code/profiles-file.js';
import type { ConnectInstance } from '../domain/profile/security-profile.js';
import { VERSION } from '../version.js';
import { counted } from '../domain/text/format.js';

export interface ExportRequest {
  arns: readonly string[];
  /** Where to write it (relative to the working directory); never over a file that is there. */
  path: string;
  /** Bumped per request, so the same profiles can be exported twice. */
  id: number;
}

/** `acme-support-security-profiles.yaml`, else `-2`, `-3` … when that file exists. */
export function exportPath(instance: ConnectInstance, dir: string, exists: (path: string) => boolean = existsSync): string {
  const base = (instance.alias ?? instance.id).replace(/[^A-Za-z0-9._-]+/g, '-');
  for (let n = 1; ; n++) {
    const path = resolve(dir, `${base}-security-profiles${n === 1 ? '' : `-${n}`}.yaml`);
    if (!exists(path)) return path;
  }
}

/** The newest `X` export of this instance in `dir` (what `A` offers), or '' when there is none. */
export function lastExportPath(instance: ConnectInstance, dir: string, exists: (path: string) => boolean = existsSync): string {
  const next = exportPath(instance, dir, exists);
  const first = exportPath(instance, dir, () => false);
  if (next === first) return '';
  const n = Number(/-(\d+)\.yaml$/.exec(next)?.[1] ?? 2);
  return n === 2 ? first : first.replace(/\.yaml$/, `-${n - 1}.yaml`);
}

export function useExport(
  request: ExportRequest | undefined,
  deps: { service: RegionService | undefined; loader: DetailLoader | undefined; instance: ConnectInstance | undefined; cwd?: string },
  say: (text: string, tone: 'info' | 'error') => void,
): void {
  const done = useRef<number | undefined>(undefined);
  const { service, loader, instance } = deps;
  useEffect(() => {
    if (request === undefined || done.current === request.id || service === undefined || loader === undefined || instance === undefined) return;
    done.current = request.id;
    const controller = new AbortController();
    // Every profile's load listens on this one signal: many at once is expected (Node would otherwise
    // warn past ten, on the stderr under the app).
    setMaxListeners(0, controller.signal);
    void (async () => {
      try {
        say(`Exporting ${request.arns.length} profile${request.arns.length === 1 ? '' : 's'}…`, 'info');
        const [profiles, groups] = await Promise.all([
          Promise.all(request.arns.map((arn) => loader.load(arn, { signal: controller.signal }))),
          service.listHierarchyGroups(instance.arn, { signal: controller.signal }).catch(() => []),
        ]);
        const file = toProfilesFile(profiles, groups);
        const path = resolve(deps.cwd ?? process.cwd(), request.path);
        const header = ` spex ${VERSION} export of ${instance.arn}\n at ${new Date().toISOString()}: ${counted(file.profiles.length, 'profile')}.\n Check it against an instance with: spex plan -f FILE --instance I`;
        await writeFile(path, profilesYaml(file, header), { flag: 'wx' });
        // The path as short as it can be said (relative to the working directory when inside it).
        const shown = relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
        say(`Exported ${file.profiles.length} profile${file.profiles.length === 1 ? '' : 's'} to ${shown} (spex plan -f that file shows what applying it would change)`, 'info');
      } catch (error) {
        if (controller.signal.aborted) return;
        const code = (error as NodeJS.ErrnoException).code;
        say(code === 'EEXIST' ? `Not exported: ${request.path} is already there (spex never writes over a file; X again and choose another name)` : `Could not export: ${(error as Error).message}`, 'error');
      }
    })();
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `say` is stable (a dispatch wrapper); the request id decides when to run.
  }, [request?.id, service, loader, instance]);
}
