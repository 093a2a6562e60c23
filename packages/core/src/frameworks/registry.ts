import type { Framework } from './schema.ts';

/** The frameworks a deployment knows: built-in files plus the ones users add. */
export class FrameworkRegistry {
  private readonly byId = new Map<string, Framework>();

  /** Adds a framework; one with the same id replaces the earlier (a user's file overrides a built-in). */
  add(f: Framework): void {
    this.byId.set(f.id, f);
  }

  get(id: string): Framework | undefined {
    return this.byId.get(id);
  }

  list(): Framework[] {
    return [...this.byId.values()];
  }
}
