// What fixes create has the shape of real exports in ../shared/corpus: environment variable
// definitions (element names, order, attributes), workflow parameters, deployment settings entries,
// the CoE's Get_Azure_Secret action and connection references. Skips when the corpus is absent.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseXml, XmlElement } from '../../server/src/load/xml';
import { corpusPath } from '../support/corpus';
import { applyPreferred, find, fixture, read } from './fix-support';
import { CLOUD } from './fix-specs';

const KIT = 'solutions/microsoft__powercat-automation-kit/AutomationCoESatellite';
const COE = 'microsoft__coe-starter-kit/CenterofExcellenceCoreComponents/SolutionPackage';
const corpus = corpusPath();
const skip = corpus ? false : 'the real-world corpus (../shared/corpus) is absent';

/** Element names, attribute names and children, recursively (values left out). */
function shape(el: XmlElement): unknown {
  return [el.name, el.attrs.map(a => a.name), el.children.filter((c): c is XmlElement => c.kind === 'element').map(shape)];
}
function xmlShape(text: string): unknown {
  const doc = parseXml(text);
  assert.deepEqual(doc.problems, []);
  return shape(doc.root!);
}
function realText(rel: string): string {
  return fs.readFileSync(path.join(corpus!, rel), 'utf8').replace(/^\uFEFF/, '');
}
function keys(o: object): string[] {
  return Object.keys(o).sort();
}
const literal = (text: string) => (f: { loc: { file: { text: string }; span: { start: number; end: number } } }) => f.loc.file.text.slice(f.loc.span.start, f.loc.span.end) === text;

/** A fixture after the environment-variable fix and the secret fix. */
function fixed(): string {
  const dir = fixture(CLOUD, 'unpacked', 'shape');
  applyPreferred(dir, 'cloud/environment-specific-value', { environment: 'Dev', pick: literal('8c2f4e1a-3b5d-4c7e-9f0a-1b2c3d4e5f6a') });
  applyPreferred(dir, 'cloud/plaintext-secret', { environment: 'Dev' });
  return dir;
}

describe('fixes create what real exports hold', { skip }, () => {
  const dir = corpus ? fixed() : '';
  const flow = () => JSON.parse(read(find(dir, /Workflows\/ProcessInvoices-[0-9A-F-]+\.json$/)));

  test('String environment variable definition: same elements, order and attributes as autocoe_EnvironmentURL', () => {
    const real = realText(`${KIT}/SolutionPackage/src/environmentvariabledefinitions/autocoe_EnvironmentURL/environmentvariabledefinition.xml`);
    const ours = read(find(dir, /cnt_GetInvoicePropertiesList\/environmentvariabledefinition\.xml$/));
    assert.deepEqual(xmlShape(ours), xmlShape(real));
    const names = (t: string) => parseXml(t).root!.children.filter((c): c is XmlElement => c.kind === 'element').map(c => c.name);
    assert.deepEqual(names(ours), [...names(ours)].sort(), 'children in alphabetical order');
  });

  test('Secret environment variable definition: same shape, type and secret store as admin_CommandCenterClientAzureSecret', () => {
    const real = realText(`${COE}/environmentvariabledefinitions/admin_CommandCenterClientAzureSecret/environmentvariabledefinition.xml`);
    const ours = read(find(dir, /cnt_PostAuditKey\/environmentvariabledefinition\.xml$/));
    assert.deepEqual(xmlShape(ours), xmlShape(real));
    for (const el of ['type', 'secretstore', 'iscustomizable', 'isrequired']) {
      const value = (t: string) => new RegExp(`<${el}>([^<]*)</${el}>`).exec(t)?.[1];
      assert.equal(value(ours), value(real), el);
    }
  });

  test('workflow parameter: the keys of the CoE\'s "TenantID (admin_TenantID)"', () => {
    const coe = JSON.parse(realText(`${COE}/Workflows/CommandCenterAppGetM365ServiceMessages-B38B49EE-41FC-EB11-94EF-002248237D7D.json`));
    const real = coe.properties.definition.parameters['TenantID (admin_TenantID)'];
    const ours = flow().properties.definition.parameters['Get Invoice Properties List (cnt_GetInvoicePropertiesList)'];
    assert.deepEqual(keys(ours), keys(real));
    assert.equal(ours.type, real.type);
    assert.ok(keys(ours.metadata).every(k => k in real.metadata), 'metadata keys are among the real ones');
    assert.equal(ours.metadata.schemaName, 'cnt_GetInvoicePropertiesList');
  });

  test('deployment settings entry: the keys of the automation kit\'s entries', () => {
    const kit = JSON.parse(realText(`${KIT}/config/Validation/deploymentSettings.json`));
    const real = kit.EnvironmentVariables[0];
    const ours = JSON.parse(read(path.join(dir, 'config', 'Dev', 'deploymentSettings.json'))).EnvironmentVariables.at(-1);
    assert.deepEqual(keys(ours), keys(real));
    const realRef = kit.ConnectionReferences[0];
    const ourRef = JSON.parse(read(path.join(dir, 'config', 'Dev', 'deploymentSettings.json'))).ConnectionReferences.at(-1);
    assert.ok(keys(ourRef).every(k => k in realRef), 'connection reference entry keys are among the real ones');
  });

  test('the secret read action matches the CoE\'s Get_Azure_Secret key by key', () => {
    const coe = JSON.parse(realText(`${COE}/Workflows/CommandCenterAppGetM365ServiceMessages-B38B49EE-41FC-EB11-94EF-002248237D7D.json`));
    const real = coe.properties.definition.actions.Set_env_var_Azure_Secret.actions.Get_Azure_Secret;
    const ours = flow().properties.definition.actions.Get_Post_Audit_Key;
    assert.deepEqual(keys(ours), keys(real));
    assert.equal(ours.type, real.type);
    assert.deepEqual(keys(ours.inputs), keys(real.inputs));
    assert.equal(ours.inputs.authentication, real.inputs.authentication);
    assert.deepEqual(keys(ours.inputs.host), keys(real.inputs.host));
    assert.equal(ours.inputs.host.apiId, real.inputs.host.apiId);
    assert.equal(ours.inputs.host.operationId, real.inputs.host.operationId);
    assert.deepEqual(keys(ours.inputs.parameters), keys(real.inputs.parameters));
    assert.equal(ours.inputs.parameters.actionName, real.inputs.parameters.actionName);
    assert.equal(ours.inputs.parameters['item/EnvironmentVariableName'], ours.inputs.parameters['item/EnvironmentVariableName'].toLowerCase(), 'lower-case schema name, as the CoE writes it');
    assert.deepEqual(ours.runtimeConfiguration, real.runtimeConfiguration);
    assert.deepEqual(keys(ours.metadata), keys(real.metadata));
    // Read as the CoE reads it, null-safe.
    assert.match(flow().properties.definition.actions.Post_audit.inputs.headers['x-api-key'], /^@body\('Get_Post_Audit_Key'\)\?\['EnvironmentVariableSecretValue'\]$/);
  });

  test('connection reference in Customizations.xml: the elements of the automation kit\'s', () => {
    const realDoc = parseXml(realText(`${KIT}/SolutionPackage/src/Other/Customizations.xml`));
    const realRefs = realDoc.root!.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === 'connectionreferences')[0];
    const realRef = realRefs.children.find((c): c is XmlElement => c.kind === 'element')!;
    const ourDoc = parseXml(read(path.join(dir, 'Other', 'Customizations.xml')));
    const ourRefs = ourDoc.root!.children.filter((c): c is XmlElement => c.kind === 'element' && c.name === 'connectionreferences')[0];
    const ourRef = ourRefs.children.filter((c): c is XmlElement => c.kind === 'element').pop()!;
    const names = (el: XmlElement) => el.children.filter((c): c is XmlElement => c.kind === 'element').map(c => c.name);
    // Newer exports add <promptingbehavior> (RAKSHAKAR); the rest is the automation kit's list, in its order.
    assert.deepEqual(names(ourRef).filter(n => n !== 'promptingbehavior' && n !== 'description'), names(realRef).filter(n => n !== 'promptingbehavior' && n !== 'description'));
    assert.deepEqual(ourRef.attrs.map(a => a.name), realRef.attrs.map(a => a.name));
  });
});
