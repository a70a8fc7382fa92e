// One move per value: a "move to environment variable" fix changes every place of the same value in the
// solution — cloud flows (a read of the variable's workflow parameter) and desktop flows (an @INPUT
// the calling cloud flows feed from the variable) — with one variable: an existing one that already
// holds the value (envvar.ts findReusable), else one new definition. The places are the run's findings
// whose rules offer these fix kinds (so a suppressed or switched-off place is left alone).
import { policiesFor } from '../analysis/dlp/evaluate';
import { endpointFilteringFor, endpointFilteringWarning, ValuePlace } from '../analysis/dlp/filtering';
import type { Finding } from '../findings/finding';
import type { CloudFlow, Solution } from '../model/types';
import { ruleById } from '../rules/registry';
import type { FixKind } from '../rules/rule';
import { ChangeBuilder } from './change';
import { CloudPlace, cloudPlace, cloudVariableDescription, cloudVariableWords, moveCloudPlaces } from './cloud';
import { activeSettings, claimVariableNames, createDefinition, ensureSettingsEntries, findReusable, FlowParameters, newVariableNames, ReusableVariable, sameValueKey } from './envvar';
import { Fix, FixContext, lazyFix, unfixableReason } from './fix';
import { titleCase } from './names';
import { DesktopMove, DesktopPlace, desktopPlace, moveDesktopPlaces, planDesktopMove } from './pad';

type Place = CloudPlace | DesktopPlace;

const MOVE_KINDS: ReadonlySet<FixKind> = new Set(['environment-variable', 'script-input']);

function placeOf(finding: Finding): Place | undefined {
  const kinds = ruleById(finding.ruleId)?.fixes ?? [];
  if (kinds.includes('environment-variable')) return cloudPlace(finding);
  if (kinds.includes('script-input')) return desktopPlace(finding);
  return undefined;
}

/**
 * The places of `own`'s value the run reports in the same solution, `own` first. A place whose text
 * another place already rewrites (two places in one plain literal) waits for the next fix.
 */
function placesOfValue(own: Place, ctx: FixContext): Place[] {
  const solution = own.finding.owner.solution;
  const places: Place[] = [own];
  if (!solution || !ctx.findings) return places;
  const key = sameValueKey(own.value);
  for (const f of ctx.findings) {
    if (f === own.finding || f.owner.solution !== solution) continue;
    if (!(ruleById(f.ruleId)?.fixes ?? []).some(k => MOVE_KINDS.has(k)) || unfixableReason(f)) continue;
    const place = placeOf(f);
    if (!place || sameValueKey(place.value) !== key) continue;
    if (places.some(p => p.region.in === place.region.in && p.region.start < place.region.end && place.region.start < p.region.end)) continue;
    places.push(place);
  }
  return places;
}

/** Places grouped by the desktop flow (or standalone script) holding them, in order of first appearance. */
function byScript(places: readonly DesktopPlace[]): DesktopPlace[][] {
  const groups = new Map<object, DesktopPlace[]>();
  for (const p of places) {
    const key = p.t.desktopFlow ?? p.t.script;
    let group = groups.get(key);
    if (!group) groups.set(key, group = []);
    group.push(p);
  }
  return [...groups.values()];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The move of `finding`'s value, or undefined when its literal cannot be located. */
export function moveValueFix(finding: Finding, ctx: FixContext): Fix | undefined {
  const own = placeOf(finding);
  if (!own) return undefined;
  const places = placesOfValue(own, ctx);
  const cloud = places.filter((p): p is CloudPlace => p.family === 'cloud');
  const desktop = byScript(places.filter((p): p is DesktopPlace => p.family === 'desktop'));
  const solution = finding.owner.solution;
  const active = solution ? activeSettings(solution, ctx.environment) : undefined;
  const value = own.value;
  // Planned once without a variable to learn whether one is needed at all (a desktop flow nobody runs needs none).
  const names = ctx.names;
  const unwired = desktop.map(group => planDesktopMove(group, undefined, names));
  const needsVariable = !!solution && (cloud.length > 0 || unwired.some(m => m.callers.length > 0));
  const reuse = needsVariable ? findReusable(solution!, value, active, own.family === 'cloud' ? own.lit.flow : undefined) : undefined;
  const moves = reuse ? desktop.map(group => planDesktopMove(group, reuse, names)) : unwired;
  const words = own.family === 'cloud' ? cloudVariableWords(own) : own.base;
  // Planned against the files and the names other fixes of this round claimed; claimed when built.
  const fresh = needsVariable && !reuse ? newVariableNames(solution!, new ChangeBuilder(), words, names) : undefined;
  const displayName = fresh?.displayName ?? titleCase(words);
  const schemaName = needsVariable ? reuse?.schemaName ?? fresh!.schemaName : undefined;

  const flows = new Set<object>([...cloud.map(p => p.lit.flow), ...moves.map(m => m.places[0].t.desktopFlow ?? m.places[0].t.script)]);
  const count = places.length > 1 ? ` (${plural(places.length, 'place')} in ${plural(flows.size, 'flow')})` : '';
  const ownMove = own.family === 'desktop' ? moves.find(m => m.places.includes(own))! : undefined;
  const title = titleOf(ownMove, schemaName, !!reuse, !!active, !!solution?.environments.length) + count;
  const description = [
    ownMove ? desktopSentence(ownMove, schemaName, !!reuse) : cloudSentence(own as CloudPlace, schemaName!, displayName, !!reuse),
    othersSentence(places, cloud, moves),
    schemaName ? settingsSentence(solution!, schemaName, active?.environment) : '',
    filteringSentence(places, ctx, finding),
  ].filter(Boolean).join(' ');

  const fix = lazyFix({ title, kind: 'quickfix', preferred: true, ruleId: finding.ruleId, description }, b => {
    let target: ReusableVariable | undefined = reuse;
    if (!target && fresh) {
      createDefinition(b, solution!, { ...fresh, description: newDefinitionDescription(own, ownMove), kind: 'String' });
      claimVariableNames(names, solution!, fresh);
      target = fresh;
    }
    const parameters = target ? new FlowParameters(b, target, value) : undefined;
    if (cloud.length) moveCloudPlaces(b, cloud, parameters!);
    for (const move of moves) moveDesktopPlaces(b, move, parameters, names);
    if (target) ensureSettingsEntries(b, solution!, target.schemaName, active, active ? value : undefined);
  });
  return places.length > 1 ? { ...fix, covers: places.map(p => p.finding) } : fix;
}

function titleOf(ownMove: DesktopMove | undefined, schemaName: string | undefined, reused: boolean, active: boolean, hasSettings: boolean): string {
  if (ownMove) {
    const fed = schemaName && ownMove.callers.length ? ` (fed from environment variable ${schemaName})` : '';
    return ownMove.reusedInput ? `Read it from the input variable ${ownMove.inputName}${fed}` : `Make it the input variable ${ownMove.inputName}${fed}`;
  }
  if (reused) return `Read it from environment variable ${schemaName}, which already holds this value`;
  const note = hasSettings && !active ? ' (no active environment: the value stays only in the flow parameter\'s default)' : '';
  return `Move it to a new environment variable ${schemaName}${note}`;
}

function cloudSentence(own: CloudPlace, schemaName: string, displayName: string, reused: boolean): string {
  const { action, flow } = own.lit;
  return reused
    ? `Replaces the literal in "${action.name}" with @parameters('…') of the existing environment variable ${schemaName}.`
    : `Creates the String environment variable ${schemaName} ("${displayName}"), adds the workflow parameter to flow "${flow.name}" and reads it in "${action.name}" instead of the literal.`;
}

function desktopSentence(move: DesktopMove, schemaName: string | undefined, reused: boolean): string {
  const own = move.places[0];
  const what = own.kind === 'url' ? 'URL' : own.kind;
  const name = move.inputName;
  if (move.reusedInput) {
    return `Uses the input ${name} instead of the literal ${what}: the calling cloud flows already pass it environment variable ${schemaName}, which holds this value.`;
  }
  const callers = move.callers;
  const wiring = callers.length
    ? ` The calling cloud flow${callers.length > 1 ? 's' : ''} (${[...new Set(callers.map(c => c.flow.name))].join(', ')}) pass${callers.length > 1 ? '' : 'es'} @parameters() of environment variable ${schemaName}${reused ? ' (which already holds this value)' : ''} to it.`
    : ` No cloud flow in the solution runs this desktop flow: pass a value to ${name} where it is run (Run a flow built with Power Automate for desktop › ${name}, from an environment variable).`;
  return `Declares @INPUT ${name} and uses it instead of the literal ${what}.${wiring}`;
}

/** The other places the move changes, by flow (never the value itself: it may be long, and is in the diff). */
function othersSentence(places: readonly Place[], cloud: readonly CloudPlace[], moves: readonly DesktopMove[]): string {
  if (places.length < 2) return '';
  const parts: string[] = [];
  const perFlow = new Map<CloudFlow, number>();
  for (const p of cloud) perFlow.set(p.lit.flow, (perFlow.get(p.lit.flow) ?? 0) + 1);
  for (const [flow, n] of perFlow) parts.push(`cloud flow "${flow.name}" (${plural(n, 'place')})`);
  for (const m of moves) {
    const name = m.places[0].t.desktopFlow?.name ?? m.places[0].t.unit.name;
    parts.push(`desktop flow "${name}" (${plural(m.places.length, 'place')}, input ${m.inputName}${m.reusedInput ? ', already declared' : ''})`);
  }
  const shown = parts.slice(0, 8).join(', ') + (parts.length > 8 ? `, and ${parts.length - 8} more flows` : '');
  return `The same value is replaced everywhere in the solution (${places.length} places): ${shown}.`;
}

function settingsSentence(solution: Solution, schemaName: string, active: string | undefined): string {
  if (!solution.environments.length) return 'The solution has no deployment settings files: give the variable its value in each target environment.';
  return active
    ? `The value went into ${active}'s deployment settings; the other environments' settings have an empty Value for ${schemaName} to fill in.`
    : `No active environment was chosen (--env), so the value is kept only as the flow parameter's default: fill the Value of ${schemaName} in every environment's deployment settings.`;
}

/**
 * A data policy that filters the endpoints a moved place is used by: a value read from a variable dodges
 * its rules under `Allow *` and is blocked at run time under `Deny *` (analysis/dlp/filtering.ts).
 */
function filteringSentence(places: readonly Place[], ctx: FixContext, finding: Finding): string {
  const policies = policiesFor(ctx.workspace.policies, finding.owner.solution ?? finding.loc.file.path, ctx.environment);
  if (!policies.length) return '';
  for (const p of places) {
    const place: ValuePlace = p.family === 'cloud' ? { action: p.lit.action, flow: p.lit.flow } : { script: p.t.script, span: p.lit.span };
    const filtering = endpointFilteringFor(policies, place);
    if (filtering) return endpointFilteringWarning(filtering);
  }
  return '';
}

function newDefinitionDescription(own: Place, ownMove: DesktopMove | undefined): string {
  if (own.family === 'cloud') return cloudVariableDescription(own);
  const df = own.t.desktopFlow;
  return `${ownMove!.description.replace(/\.$/, '')} (input ${ownMove!.inputName} of desktop flow "${df?.name ?? own.t.unit.name}").`;
}
