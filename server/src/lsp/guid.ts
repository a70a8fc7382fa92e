// Desktop-flow ids as the editor compares them: Dataverse writes them braced and upper case ({GUID}), URIs and
// JSON plain and lower case. Pure and free of the engine: the client bundles it with scriptFile.ts.

export function normalizeGuid(id: string | undefined): string {
  return (id ?? '').replace(/[{}]/g, '').toLowerCase();
}

export function sameGuid(a: string, b: string): boolean {
  return normalizeGuid(a) === normalizeGuid(b);
}
