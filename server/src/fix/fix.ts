// What a fix is, and the helper every fix module builds its fixes with.
import type { ConfigResolver } from '../findings/config';
import type { Workspace } from '../model/types';
import { ChangeBuilder, FixError, WorkspaceChange } from './change';

export interface Fix {
  title: string;
  kind: 'quickfix' | 'suppress';
  /** The fix `--fix` applies and the editor marks as preferred (never a suppression). */
  preferred: boolean;
  ruleId: string;
  /**
   * What the fix does and what is left for the user afterwards (fill the settings, store the secret
   * in Key Vault, create the credential in Power Automate). Never contains a secret.
   */
  description?: string;
  /** The edits, computed on first call and cached. Throws FixError when the fix cannot be built. */
  change(): WorkspaceChange;
}

export interface FixContext {
  workspace: Workspace;
  /** flowcop.json files (getCredentialTemplate, where ignore entries go). */
  configs?: ConfigResolver;
  /** The active environment (`--env`, the editor's choice): its settings receive moved values. */
  environment?: string;
  /** The editor setting `flowcop.getCredentialTemplate`; wins over flowcop.json. */
  getCredentialTemplate?: string;
}

/** A fix whose change is built once, on first use. */
export function lazyFix(fix: Omit<Fix, 'change'>, build: (b: ChangeBuilder) => void): Fix {
  let cached: WorkspaceChange | undefined;
  let failure: Error | undefined;
  return {
    ...fix,
    change() {
      if (cached) return cached;
      if (failure) throw failure;
      try {
        const b = new ChangeBuilder();
        build(b);
        cached = b.build();
        return cached;
      } catch (e) {
        failure = e instanceof FixError ? e : new FixError(`cannot build the fix: ${(e as Error).message}`);
        throw failure;
      }
    },
  };
}

