import type { Framework } from './schema.ts';

/**
 * The frameworks a deployment knows: built-in files plus the ones users add, every version kept.
 * A submitted evaluation stays scored under the version it was submitted with, so a newer version
 * never replaces an older one here; it only becomes the one new work is scored with.
 */
export class FrameworkRegistry {
  /** id → versions in the order added; the last is the current one. */
  private readonly byId = new Map<string, Framework[]>();

  /**
   * Adds a framework. A new version becomes the current one for its id; the same id and version
   * again replaces that version (a user's file overrides a built-in with the same version).
   */
  add(f: Framework): void {
    const versions = (this.byId.get(f.id) ?? []).filter((v) => v.version !== f.version);
    versions.push(f);
    this.byId.set(f.id, versions);
  }

  /** The current version of `id`, or exactly `version` when named. */
  get(id: string, version?: string): Framework | undefined {
    const versions = this.byId.get(id);
    if (!versions) return undefined;
    return version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
  }

  /** Every version of `id`, oldest first. */
  versions(id: string): Framework[] {
    return [...(this.byId.get(id) ?? [])];
  }

  /** The current version of every framework. */
  list(): Framework[] {
    return [...this.byId.values()].map((versions) => versions.at(-1)!);
  }
}
