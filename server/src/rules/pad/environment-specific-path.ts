// An absolute local path literal that differs between machines and environments: an input folder
// `C:\RPA\Input` in Dev is `D:\Automation\Input` in Prod. Reported in file, folder, Office, application,
// CSV, PDF, archive and screenshot arguments, in values stored whole in a variable, and where a literal
// flows into such an argument. UNC paths are machines (pad/hardcoded-machine); text that is also a
// credential or a machine is left to those rules (findings/precedence.ts).
import { findPaths, parseConnectionString, pathAllowed, PathMatch } from '../../analysis/shared/values';
import { scriptFacts } from '../../analysis/pad/facts';
import { flatSpan } from '../../analysis/pad/flat';
import { dedupeHits, Hit, storedWhole } from '../../analysis/pad/hits';
import { looksLikeConnectionString, mayHoldPath, pathsIn } from '../../analysis/pad/text-scans';
import type { LiteralUse, ScriptFacts, Witness } from '../../analysis/pad/types';
import { elementOf, locationData, usedAs, whereOf } from '../../analysis/pad/wording';
import { defineRule } from '../rule';

interface PathHit extends Hit {
  path: string;
  kind: PathMatch['kind'];
  witness?: Witness;
}

/**
 * Paths that are the same on every Windows machine: the Windows folder, Microsoft's own ProgramData and
 * the default profile. Installation folders (`C:\\Program Files\\Contoso\\…`) and files under
 * `C:\\Users\\Public` or `C:\\ProgramData\\<vendor>` are not: the application, its version and its
 * install drive differ between machines (pad-script.md §4: `D:\\Program Files\\Contoso, Inc\\…`).
 */
function isOsPath(path: string): boolean {
  const p = path.replace(/\//g, '\\').toLowerCase();
  return /^c:\\(windows|programdata\\microsoft|users\\default)(\\|$)/.test(p) || /^[a-z]:\\?$/.test(p)
    // The known folders themselves (not what is put under them).
    || /^c:\\(program files|program files \(x86\)|programdata|users\\public(\\(documents|desktop|downloads|pictures|music|videos))?)\\?$/.test(p);
}

/** The local paths in the enabled literals of a script, one per span, in document order. */
function pathHits(facts: ScriptFacts): PathHit[] {
  const hits: PathHit[] = [];
  for (const use of facts.literals) if (!use.disabled) hits.push(...pathsOf(facts, use));
  return dedupeHits(hits);
}

function pathsOf(facts: ScriptFacts, use: LiteralUse): PathHit[] {
  const hits: PathHit[] = [];
  const f = use.flat;
  const text = f.text;
  // Every path, in the text or in a connection string's part of it, starts with `X:\`, `X:/` or `\\`.
  if (!mayHoldPath(text)) return hits;
  const roles = facts.rolesOf(use);
  const stored = storedWhole(use);
  const leading = text.length - text.trimStart().length;
  const pathRole = roles.has('path') || roles.has('commandLine');
  const candidates: PathMatch[] = [];
  for (const p of pathsIn(f)) {
    if (p.kind === 'unc') continue;
    if (pathRole || (stored && p.start === leading)) candidates.push(p);
  }
  // `Data Source=C:\…` of file databases (SQLite, Access, Excel through OLE DB).
  if (roles.has('connection') || (stored && looksLikeConnectionString(text))) {
    for (const part of parseConnectionString(text)) {
      if (!/^(data ?source|dbq|database|filename|file name)$/i.test(part.key)) continue;
      for (const p of findPaths(text.slice(part.start, part.end))) {
        if (p.kind !== 'unc' && !candidates.some(c => c.start === part.start + p.start)) candidates.push({ ...p, start: part.start + p.start, end: part.start + p.end });
      }
    }
  }
  for (const p of candidates) {
    if (isOsPath(p.path)) continue;
    const whole = f.pure && use.entire && p.start <= leading && p.end >= text.trimEnd().length;
    hits.push({ use, span: whole ? use.lit.span : flatSpan(f, p.start, p.end), literal: whole ? 'whole' : 'part', path: p.path, kind: p.kind, witness: roles.get('path') ?? roles.get('commandLine') ?? roles.get('connection') });
  }
  return hits;
}

function message(h: PathHit): string {
  const what = h.kind === 'user-profile' ? 'points into one user\'s profile' : 'is specific to one machine or environment';
  return `The absolute path '${h.path}' ${whereOf(h.use)}${usedAs(h.use, h.witness)} ${what}; read it from an environment variable (or flow input) so Dev and Prod can use their own folders.`;
}

export default defineRule({
  meta: {
    id: 'pad/environment-specific-path',
    category: 'environment-specific',
    defaultSeverity: 'warning',
    description: 'An absolute local path literal in a desktop flow (drive letter or user profile) that differs between machines and environments.',
    fixable: true,
  },
  fixes: ['script-input'],
  check: {
    script(ctx, unit) {
      for (const h of pathHits(scriptFacts(unit))) {
        if (pathAllowed(h.path, ctx.settings.allowedPaths)) continue;
        ctx.report({
          message: message(h),
          scriptSpan: h.span,
          element: elementOf(h.use),
          data: { ...locationData(h.use), valueKind: 'path', path: h.path, kind: h.kind, literal: h.literal },
          claim: {},
        });
      }
    },
  },
});
