// The message part that says an import was linked to a solution by assumption (the pipeline names its
// solution file through a variable, and the repository holds several solutions).
import type { LinkedImport } from '../../model/pipeline';

export function assumedNote(linked: LinkedImport, solutionName: string): string {
  return linked.assumed ? ` (the pipeline does not say which solution it imports; FlowCop assumed every solution in the repository, "${solutionName}" among them)` : '';
}
