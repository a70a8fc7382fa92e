// Data flow from secret places back to where their values come from: literals assigned to variables or
// given to a Compose (plain-text secrets), workflow parameters (environment variables that feed a
// secret), and actions whose outputs carry the secret (which then need Secure Outputs). Senders of a
// secret and actions that read one by what they are (Key Vault, token requests…) need secure data too.
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, FlowAction, Solution } from '../../model/types';
import { isSecretName } from '../shared/vocabulary';
import {
  canBeSecured, connectorOf, desktopFlowOf, hasOnlySecureInputs, isConnectorAction, isHttpAction, operationOf, passesThrough,
  runsDesktopFlow, securedProperties, typeOf,
} from './actions';
import { expressionsIn, literalParts, StringLeaf } from './leaves';
import { looksRandom } from '../shared/values';
import { refCount, Refs, refsOf } from './segments';
import { ReceivedSecret, receivedSecrets, receivedSecretsRead } from './received-secrets';
import { SecretPlace, secretText } from './secret-places';
import { assignedVariable } from './variables';

/** A literal that reaches a secret place through a variable or a Compose action. */
export interface SecretFlow {
  leaf: StringLeaf;
  /** Decoded span of the literal in the leaf. */
  start: number;
  end: number;
  via: { kind: 'variable' | 'compose'; name: string };
  /** The secret place it reaches. */
  place: SecretPlace;
}

/** An action that reads or sends a secret without secure inputs/outputs covering it. */
export interface SecureNeed {
  action: FlowAction;
  missing: Array<'inputs' | 'outputs'>;
  /** Why inputs / outputs carry a secret, for messages. */
  inputsReason?: string;
  outputsReason?: string;
}

/** The first secret place a workflow parameter reaches. */
export interface SecretSinkUse {
  action: FlowAction;
  where: string;
}

/** What the data flow needs to know about the flow (built once by facts.ts). */
export interface FlowIndex {
  flow: CloudFlow;
  solution: Solution | undefined;
  leavesByAction: ReadonlyMap<FlowAction, StringLeaf[]>;
  /** Variable name (lower case) → the values assigned to it. */
  assignments: ReadonlyMap<string, StringLeaf[]>;
  /** `body('X')`, `outputs('X')`: the action named X (spaces in references stand for underscores). */
  actionByRef(name: string): FlowAction | undefined;
}

export interface SecretDataFlow {
  secretFlows: SecretFlow[];
  secure: SecureNeed[];
  secretParameters: Map<string, SecretSinkUse>;
}

/** Follows every secret place's references back through variables, pass-through actions and parameters. */
export function traceSecrets(index: FlowIndex, places: readonly SecretPlace[]): SecretDataFlow {
  return new Tracer(index).run(places);
}

class Tracer {
  private readonly needs = new Map<FlowAction, { inputs?: string; outputs?: string }>();
  /** How strongly each recorded inputs reason names the secret (see need()). */
  private readonly inputsStrength = new Map<FlowAction, number>();
  private readonly secretFlows: SecretFlow[] = [];
  private readonly secretParameters = new Map<string, SecretSinkUse>();

  constructor(private readonly index: FlowIndex) {}

  run(places: readonly SecretPlace[]): SecretDataFlow {
    this.follow(places);
    this.received();
    this.knownReaders();
    return { secretFlows: this.secretFlows, secure: this.secureNeeds(), secretParameters: this.secretParameters };
  }

  private follow(places: readonly SecretPlace[]): void {
    const taintedVars = new Map<string, { direct: boolean }>();
    const taintedActions = new Set<string>();
    const work: Array<{ refs: Refs; sink: SecretPlace; direct: boolean }> = [];

    for (const place of places) {
      const exprs = expressionsIn(place.leaf, place.start, place.end);
      const hasValue = exprs.length > 0 || literalParts(place.leaf, place.start, place.end, place.scheme).some(p => secretText(place.leaf.text.slice(p.start, p.end), place.weak));
      const sends = isHttpAction(place.leaf.action) || isConnectorAction(place.leaf.action);
      // Every credential a request carries counts, the Authorization header too: the engine's obfuscation of
      // that header has known exceptions (Azure/LogicAppsUX#9085) and is not part of the action, so a copy of
      // the action (or a change of its type) loses it; only the sender's own Secure Inputs setting is explicit.
      // Secured outputs of the action the secret comes from do not count either: the sender's own Secure Inputs
      // setting is what keeps the value out of its run history (and out of every later copy of the action).
      if (sends && hasValue && !onlyConnectionAuth(exprs)) {
        this.need(place.leaf.action, 'inputs', `it sends a ${place.what} (${place.where})`, namesSecret(place) ? 2 : 1);
      }
      for (const e of exprs) work.push({ refs: refsOf(e), sink: place, direct: refCount(e) === 1 });
    }

    while (work.length) {
      const { refs, sink, direct } = work.pop()!;
      for (const p of refs.parameters) {
        if (p.startsWith('$')) continue;
        if (!this.secretParameters.has(p)) this.secretParameters.set(p, { action: sink.leaf.action, where: sink.where });
      }
      for (const v of refs.variables) {
        const key = v.toLowerCase();
        const seen = taintedVars.get(key);
        if (seen && (seen.direct || !direct)) continue;
        taintedVars.set(key, { direct });
        for (const leaf of this.index.assignments.get(key) ?? []) {
          this.literalFlowsToSecret(leaf, { kind: 'variable', name: v }, sink, direct);
          for (const e of expressionsIn(leaf, 0, leaf.text.length)) work.push({ refs: refsOf(e), sink, direct: direct && refCount(e) === 1 });
        }
      }
      for (const name of refs.actions) {
        const target = this.index.actionByRef(name);
        if (!target || taintedActions.has(target.name)) continue;
        taintedActions.add(target.name);
        if (target.trigger || !canBeSecured(target)) continue;
        this.need(target, 'outputs', `its outputs reach ${sink.where} of "${sink.leaf.action.name}"`);
        if (passesThrough(target)) this.passThrough(target, sink, direct, work);
      }
    }
  }

  /** A Compose, Parse JSON, Select… whose outputs reach a secret place: its inputs carry the secret. */
  private passThrough(target: FlowAction, sink: SecretPlace, direct: boolean, work: Array<{ refs: Refs; sink: SecretPlace; direct: boolean }>): void {
    const isCompose = typeOf(target) === 'compose';
    let carries = false;
    const all: string[] = [];
    for (const leaf of this.index.leavesByAction.get(target) ?? []) {
      const exprs = expressionsIn(leaf, 0, leaf.text.length);
      all.push(...exprs);
      if (exprs.length) carries = true;
      if (isCompose) carries = this.literalFlowsToSecret(leaf, { kind: 'compose', name: target.name }, sink, direct) || carries;
      for (const e of exprs) work.push({ refs: refsOf(e), sink, direct: direct && refCount(e) === 1 });
    }
    if (carries) this.need(target, 'inputs', `its inputs carry the secret that reaches ${sink.where} of "${sink.leaf.action.name}"`);
    // Compose, Parse JSON and Response that take secured outputs directly are hidden by the engine.
    if (carries && hasOnlySecureInputs(target) && this.fromSecuredOutputs(all)) this.needs.delete(target);
  }

  /** Literals assigned to a variable (or given to a Compose) that reaches a secret place. */
  private literalFlowsToSecret(leaf: StringLeaf, via: SecretFlow['via'], sink: SecretPlace, direct: boolean): boolean {
    let found = false;
    for (const part of literalParts(leaf, 0, leaf.text.length, true)) {
      const value = leaf.text.slice(part.start, part.end);
      // Through a shared expression (`concat(variables('user'), ':', variables('pwd'))`) only
      // secret-named variables or random-looking values count: the user name travels along.
      if (!secretText(value, sink.weak) || (!direct && !isSecretName(via.name) && !looksRandom(value))) continue;
      found = true;
      this.secretFlows.push({ leaf, start: part.start, end: part.end, via, place: sink });
    }
    return found;
  }

  /**
   * Every value comes straight from actions with secured outputs (`@body('Get_secret')…`): the engine then
   * hides the inputs that use them (Logic Apps: "If a downstream action explicitly uses these secured
   * outputs as inputs, … hides this action's inputs"). Not through variables, parameters, or Compose/Parse JSON/Response.
   */
  private fromSecuredOutputs(expressions: string[]): boolean {
    if (!expressions.length) return false;
    for (const e of expressions) {
      const refs = refsOf(e);
      if (refs.variables.length || refs.parameters.some(p => !p.startsWith('$')) || !refs.actions.length || /\b(trigger\w*|items|item|iterationIndexes)\(/i.test(e)) return false;
      for (const name of refs.actions) {
        const target = this.index.actionByRef(name);
        if (!target || hasOnlySecureInputs(target) || !securedProperties(target).has('outputs')) return false;
      }
    }
    return true;
  }

  /**
   * Records why an action needs secure inputs/outputs; the first reason stays, unless a later one names
   * the secret more surely (strength 2: a password field, over 1: an input that is only marked sensitive,
   * such as a user name), so the message names the input that really holds the secret.
   */
  private need(action: FlowAction, what: 'inputs' | 'outputs', reason: string, strength = 2): void {
    const n = this.needs.get(action) ?? {};
    if (!n[what] || (what === 'inputs' && strength > (this.inputsStrength.get(action) ?? 0))) {
      n[what] = reason;
      if (what === 'inputs') this.inputsStrength.set(action, strength);
    }
    this.needs.set(action, n);
  }

  /**
   * Secrets the flow receives (a request trigger's secret-named property): the trigger's outputs show
   * them, and so does every securable action whose inputs take them, directly or through variables and
   * Compose actions. The engine hides inputs that read secured trigger outputs
   * directly, not through a variable.
   */
  private received(): void {
    const secrets = receivedSecrets(this.index.flow);
    if (!secrets.length) return;
    for (const r of secrets) this.need(r.trigger, 'outputs', `it receives a ${r.what} ("${r.name}") in its body`);
    const taintedVars = new Map<string, ReceivedSecret>();
    const taintedActions = new Map<string, ReceivedSecret>();
    // A variable assigned from secured trigger outputs still shows the secret wherever it is read.
    const carried = (e: string, intoVariable: boolean): ReceivedSecret | undefined => {
      const direct = receivedSecretsRead(e, secrets).find(r => intoVariable || !securedProperties(r.trigger).has('outputs'));
      if (direct) return direct;
      const refs = refsOf(e);
      return refs.variables.map(v => taintedVars.get(v.toLowerCase())).find(Boolean)
        ?? refs.actions.map(a => taintedActions.get(this.index.actionByRef(a)?.name ?? '')).find(Boolean);
    };
    // Until nothing new is tainted: a variable may be assigned after the action that reads it in document order.
    for (let changed = true, rounds = 0; changed && rounds < 10; rounds++) {
      changed = false;
      for (const a of this.index.flow.actions) {
        for (const leaf of this.index.leavesByAction.get(a) ?? []) {
          const variable = assignedVariable(leaf);
          const secret = expressionsIn(leaf, 0, leaf.text.length).map(e => carried(e, variable !== undefined)).find(Boolean);
          if (!secret) continue;
          if (variable !== undefined) {
            if (!taintedVars.has(variable.toLowerCase())) { taintedVars.set(variable.toLowerCase(), secret); changed = true; }
            continue;
          }
          if (!canBeSecured(a)) continue;
          this.need(a, 'inputs', `its inputs carry the ${secret.what} the trigger receives ("${secret.name}")`);
          // A Compose's output is its input; other pass-through actions reshape it and are followed no further.
          if (typeOf(a) === 'compose' && !taintedActions.has(a.name)) { taintedActions.set(a.name, secret); changed = true; }
        }
      }
    }
  }

  /** Actions that read a secret by what they are: Key Vault, secret environment variables, token endpoints, desktop flows with sensitive outputs. */
  private knownReaders(): void {
    const { flow, solution } = this.index;
    for (const a of flow.actions) {
      const connector = connectorOf(a, flow);
      const op = operationOf(a);
      if (connector === 'shared_keyvault' && (op === 'getsecret' || op === 'getsecretversion')) {
        this.need(a, 'outputs', 'it reads a secret from Azure Key Vault');
      } else if (connector === 'shared_commondataserviceforapps' && /^performunboundaction/.test(op) && stringValue(prop(prop(a.inputs, 'parameters'), 'actionName')) === 'RetrieveEnvironmentVariableSecretValue') {
        this.need(a, 'outputs', 'it reads the value of a Secret environment variable');
      } else if (runsDesktopFlow(a, flow)) {
        const df = desktopFlowOf(a, solution);
        if (df && (df.outputs.some(o => o.sensitive) || df.outputs.some(o => df.script?.ast.sensitive?.names.some(n => n.name.toLowerCase() === o.name.toLowerCase())))) {
          this.need(a, 'outputs', `desktop flow "${df.name}" returns sensitive outputs`);
        }
      } else if (isHttpAction(a)) {
        const uri = stringValue(prop(a.inputs, 'uri')) ?? '';
        const body = prop(a.inputs, 'body');
        const bodyText = body ? flow.file.text.slice(body.offset, body.offset + body.length) : '';
        if (/\/oauth2(?:\/v2\.0)?\/token\b|\/connect\/token\b|\/oauth\/token\b/i.test(uri) || /grant_type/.test(bodyText)) {
          this.need(a, 'outputs', 'it requests an access token');
        }
      }
    }
  }

  private secureNeeds(): SecureNeed[] {
    const out: SecureNeed[] = [];
    for (const [action, n] of this.needs) {
      const secured = securedProperties(action);
      if (hasOnlySecureInputs(action)) {
        // Compose, Parse JSON and Response have only Secure Inputs, which hides their outputs too.
        if (!secured.has('inputs')) out.push({ action, missing: ['inputs'], inputsReason: n.inputs ?? n.outputs });
        continue;
      }
      const missing: Array<'inputs' | 'outputs'> = [];
      if (n.inputs && !secured.has('inputs')) missing.push('inputs');
      if (n.outputs && !secured.has('outputs')) missing.push('outputs');
      if (missing.length) out.push({ action, missing, inputsReason: missing.includes('inputs') ? n.inputs : undefined, outputsReason: missing.includes('outputs') ? n.outputs : undefined });
    }
    return out.sort((a, b) => a.action.node.offset - b.action.node.offset);
  }
}

/** Whether a place is one by its name (a password input), not only by a sensitive marking (a user name input marked sensitive). */
function namesSecret(place: SecretPlace): boolean {
  if (place.kind !== 'desktop-input') return true;
  const last = place.leaf.path[place.leaf.path.length - 1] ?? '';
  return isSecretName(last.replace(/^item\//i, ''));
}

/** `@parameters('$authentication')` and friends: the connection's own credentials, never shown. */
function onlyConnectionAuth(expressions: string[]): boolean {
  return expressions.length > 0 && expressions.every(e => /^@?\{?\s*parameters\('\$(authentication|connections)'\)/.test(e) || /X-MS-APIM-Tokens/.test(e));
}
