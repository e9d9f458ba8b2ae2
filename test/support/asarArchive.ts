// Reads an Electron app.asar without Electron (test support for the packaging test).
// Format (electron/asar README): a pickle holding the header size, then a pickle holding
// the JSON header, then the file bodies; a file's `offset` counts from the end of the
// header, and `unpacked: true` means its body lives in app.asar.unpacked instead.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AsarEntry {
  /** Path inside the archive, '/'-separated, without a leading slash. */
  path: string;
  size: number;
  unpacked: boolean;
  offset: number;
}

interface HeaderNode {
  files?: Record<string, HeaderNode>;
  size?: number;
  offset?: string;
  unpacked?: boolean;
  link?: string;
}

export interface AsarArchive {
  entries: AsarEntry[];
  read(entry: AsarEntry): Buffer;
}

export function readAsar(file: string): AsarArchive {
  const raw = readFileSync(file);
  const headerPickleSize = raw.readUInt32LE(4);
  const jsonLength = raw.readUInt32LE(12);
  const header = JSON.parse(raw.subarray(16, 16 + jsonLength).toString('utf8')) as HeaderNode;
  const dataStart = 8 + headerPickleSize;
  const entries: AsarEntry[] = [];
  const walk = (node: HeaderNode, prefix: string): void => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const path = prefix ? `${prefix}/${name}` : name;
      if (child.files) walk(child, path);
      else if (child.link === undefined) entries.push({ path, size: child.size ?? 0, unpacked: child.unpacked === true, offset: Number(child.offset ?? 0) });
    }
  };
  walk(header, '');
  return {
    entries,
    read: (e) => raw.subarray(dataStart + e.offset, dataStart + e.offset + e.size),
  };
}

/** Writes the archive's packed files under dir, as Electron would see them (unpacked ones come from app.asar.unpacked). */
export function extractAsar(archive: AsarArchive, unpackedDir: string, dir: string): void {
  for (const e of archive.entries) {
    const target = join(dir, e.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.unpacked ? readFileSync(join(unpackedDir, e.path)) : archive.read(e));
  }
}
