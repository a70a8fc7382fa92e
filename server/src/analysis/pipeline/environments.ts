// Whether two environment names (a pipeline stage, a settings file's folder or name) mean different
// environments. Only names that are known environment words are compared (`Deploy_to_Test`,
// `PowerPlatform-PROD`, `config/Prod/`): anything else may be either, and is never a mismatch.

const ENVIRONMENT_WORDS: Record<string, string> = {
  dev: 'dev', development: 'dev',
  test: 'test', testing: 'test', tst: 'test',
  qa: 'qa', uat: 'uat', sit: 'sit',
  staging: 'staging', stg: 'staging',
  preprod: 'preprod', prod: 'prod', production: 'prod', prd: 'prod',
  acc: 'acc', acceptance: 'acc',
};

/** The environments a name names, by word (`Deploy_to_Test` → test; `pre-prod` → preprod). */
export function environmentsNamed(name: string): Set<string> {
  const lower = name.toLowerCase().replace(/pre[-_ ]prod/g, 'preprod');
  const found = new Set<string>();
  for (const word of lower.split(/[^a-z0-9]+/)) {
    const env = ENVIRONMENT_WORDS[word];
    if (env) found.add(env);
  }
  return found;
}

/** True when both names name known environments and none in common. */
export function namesDifferentEnvironment(a: string, b: string): boolean {
  const left = environmentsNamed(a);
  const right = environmentsNamed(b);
  if (!left.size || !right.size) return false;
  for (const env of left) if (right.has(env)) return false;
  return true;
}
