// Secrets a flow receives: a trigger whose request schema declares a secret-named property (a Power Apps
// or HTTP request trigger with `ClientSecret_Value`, an instant flow's `Password` input). The trigger's
// outputs (the received body) then hold the secret, and so does every action that takes it as input.
import { entries, prop, stringValue } from '../../load/json';
import type { CloudFlow, FlowAction } from '../../model/types';
import { isSecretName } from '../shared/vocabulary';
import { typeOf } from './actions';
import { describeSecretName } from './secret-places';

/** A secret-named property a trigger receives. */
export interface ReceivedSecret {
  trigger: FlowAction;
  /** The property's key in the schema (what expressions read: `triggerBody()?['ClientSecret_Value']`). */
  name: string;
  /** What it is, for messages: `client secret`, `password`… */
  what: string;
}

/** The secret-named properties of the flow's request triggers (by key, or by title for the designer's `text_1` keys). */
export function receivedSecrets(flow: CloudFlow): ReceivedSecret[] {
  const out: ReceivedSecret[] = [];
  for (const trigger of flow.triggers) {
    if (typeOf(trigger) !== 'request') continue;
    const properties = prop(prop(trigger.inputs, 'schema'), 'properties');
    for (const [name, , schema] of entries(properties)) {
      const title = stringValue(prop(schema, 'title'));
      const secretName = isSecretName(name) ? name : title && isSecretName(title) ? title : undefined;
      if (secretName) out.push({ trigger, name, what: describeSecretName(secretName) });
    }
  }
  return out;
}

const TRIGGER_READ = /\btrigger(Body|Outputs)\(\)((?:\s*\??\[\s*'(?:[^']|'')*'\s*\]|\??\.[A-Za-z_]\w*)*)/gi;

/**
 * The received secrets an expression reads: `triggerBody()?['X']`, `triggerOutputs()?['body/X']`,
 * `triggerOutputs()['body']['X']`; the whole body (`triggerBody()`, `triggerOutputs()`) carries them all.
 */
export function receivedSecretsRead(expression: string, secrets: readonly ReceivedSecret[]): ReceivedSecret[] {
  const found = new Set<ReceivedSecret>();
  for (const m of expression.matchAll(TRIGGER_READ)) {
    const keys = [...m[2].matchAll(/'((?:[^']|'')*)'|\.([A-Za-z_]\w*)/g)].map(k => (k[1] ?? k[2]).replace(/''/g, "'"));
    let path = m[1].toLowerCase() === 'outputs' ? keys.flatMap(k => k.split('/')) : keys;
    if (m[1].toLowerCase() === 'outputs') {
      if (path.length && path[0].toLowerCase() !== 'body') continue; // headers, queries…
      path = path.slice(1);
    }
    for (const s of secrets) if (!path.length || path[0].toLowerCase() === s.name.toLowerCase()) found.add(s);
  }
  return [...found];
}
