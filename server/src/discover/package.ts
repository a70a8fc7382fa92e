// Finding legacy flow packages in folders: an extracted package is a folder with manifest.json at its
// root beside Microsoft.Flow/flows/ (zipped packages are recognised by load/package.ts isPackageTree).
import * as nodePath from 'node:path';
import { DirEntry, enclosingDir, Vfs } from '../load/vfs';

function named(entries: DirEntry[] | undefined, name: string): DirEntry | undefined {
  const lower = name.toLowerCase();
  return entries?.find(e => e.name === name) ?? entries?.find(e => e.name.toLowerCase() === lower);
}

/** Whether `dir` (listed as `entries`) is an extracted legacy flow package. */
export function isPackageFolder(vfs: Vfs, dir: string, entries: DirEntry[]): boolean {
  const manifest = named(entries, 'manifest.json');
  const flowDir = named(entries, 'Microsoft.Flow');
  if (!manifest || manifest.isDirectory || !flowDir?.isDirectory) return false;
  return !!named(vfs.readDir(nodePath.join(dir, flowDir.name)), 'flows')?.isDirectory;
}

/** For a file named on its own (e.g. Microsoft.Flow/flows/<id>/definition.json), the package holding it. */
export function enclosingPackageRoot(vfs: Vfs, filePath: string): string | undefined {
  return enclosingDir(vfs, filePath, 4, (dir, entries) => isPackageFolder(vfs, dir, entries));
}
