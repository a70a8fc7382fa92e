// How the dlp/ rules reach the data policies of a run: the lint run puts the policy files it loaded
// (flowcop.json `policies`, `--policy FILE`; findings/analyze.ts) on the rule context's settings as
// `dataPolicies`. Rules read them from there, never from disk.
import { policiesFor } from '../../analysis/dlp/evaluate';
import { cloudUses, desktopUses, DlpUse } from '../../analysis/dlp/uses';
import type { DataPolicy } from '../../model/dlp';
import type { Solution } from '../../model/types';
import type { Report, RuleChecks, RuleContext, ScriptUnit } from '../rule';

export function policiesInContext(ctx: RuleContext, target: Solution | string): DataPolicy[] {
  return policiesFor(ctx.settings.dataPolicies, target, ctx.environment);
}

/** The policies for a script unit: its solution's, or those covering the standalone script's file. */
export function policiesForScript(ctx: RuleContext, unit: ScriptUnit): DataPolicy[] {
  return policiesInContext(ctx, unit.solution ?? unit.script.file.path);
}

/** `data policy "Prod guardrails"`. */
export function policyLabel(policy: DataPolicy): string {
  return `data policy "${policy.displayName}"`;
}

/** `Web.InvokeWebService in desktop flow "Invoices"` / `Action "Create row" in cloud flow "Sync"`. */
export function useLabel(use: DlpUse): string {
  return `${use.where} in ${use.script ? 'desktop' : 'cloud'} flow "${use.flowName}"`;
}

/** A use as a report: script span for the unit's own script, a real location otherwise. */
export function reportPlace(use: DlpUse, unitScript?: ScriptUnit['script']) {
  if (use.statement && unitScript && use.script === unitScript) return { scriptSpan: use.statement.idSpan };
  return { loc: use.loc, ...(use.action ? { action: use.action } : {}) };
}

type UseReports = (uses: DlpUse[], policies: DataPolicy[], place: (u: DlpUse) => Partial<Report>) => Report[];

/** The checks of a rule that judges each governed use of a flow: a desktop flow's actions, a cloud flow's actions. */
export function useChecks(reportsOf: UseReports): RuleChecks {
  return {
    script(ctx, unit) {
      const policies = policiesForScript(ctx, unit);
      if (policies.length) for (const r of reportsOf(desktopUses(unit.script, unit.name), policies, u => reportPlace(u, unit.script))) ctx.report(r);
    },
    cloudFlow(ctx, flow, solution) {
      const policies = policiesInContext(ctx, solution);
      if (policies.length) for (const r of reportsOf(cloudUses(flow), policies, u => reportPlace(u))) ctx.report(r);
    },
  };
}
