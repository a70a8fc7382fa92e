// What a fix is, and the helper every fix module builds its fixes with.
import type { ConfigResolver } from '../findings/config';
import type { Finding } from '../findings/finding';
import { packageUnfixableReason } from '../load/package';
import type { Workspace } from '../model/types';
import { ChangeBuilder, FixError, WorkspaceChange } from './change';
import type { NameReservations } from './names';

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
  /**
   * Every finding this fix removes, its own included, when it fixes more than one place (one move of
   * a repeated value): `--fix` then applies it once, not once per place.
   */
  covers?: readonly Finding[];
}

export interface FixContext {
  workspace: Workspace;
  /** flowcop.json files (getCredentialTemplate, where ignore entries go). */
  configs?: ConfigResolver;
  /** The active environment (`--env`, the editor's choice): its settings receive moved values. */
  environment?: string;
  /** The editor setting `flowcop.getCredentialTemplate`; wins over flowcop.json. */
  getCredentialTemplate?: string;
  /**
   * The run's findings (after configuration and suppressions): a move to an environment variable
   * changes every place of the same value that these report. Without them a fix changes its own place only.
   */
  findings?: readonly Finding[];
  /**
   * Names claimed by the other fixes of this `--fix` round (new variables, inputs, actions): a fix
   * picks names none of them took. Without it, names are unique against the files only.
   */
  names?: NameReservations;
}

/** Why no fix is offered for a finding at all (a packed .zip, a v1 flow's package), or undefined. */
export function unfixableReason(finding: Finding): string | undefined {
  const inPackage = packageUnfixableReason(finding.owner.solution);
  if (inPackage) return inPackage;
  if (finding.owner.script && /\.ya?ml$/i.test(finding.loc.file.path)) {
    return 'The desktop flow is kept in a YAML file (Dataverse Git integration): FlowCop does not edit scripts stored there yet. Edit the flow in Power Automate Desktop.';
  }
  if (finding.owner.script?.fromPackage) {
    return "The script is stored zipped in the flow's package; edit it in Power Automate Desktop.";
  }
  if (finding.loc.file.entry || finding.owner.solution?.layout === 'zip') {
    return 'The finding is inside a packed solution .zip: FlowCop never edits packed solutions. Unpack it (pac solution unpack) and lint the unpacked folder to get fixes.';
  }
  return undefined;
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

