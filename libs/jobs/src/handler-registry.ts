/** Pure: matches discovered handlers to the catalog's job names. No Nest. */
export interface FoundHandler {
  name: string;
  className: string;
}

export interface HandlerCheck {
  /** Job names with no handler. */
  missing: string[];
  /** Job names with more than one handler, and who they are. */
  duplicates: { name: string; classNames: string[] }[];
  /** Handlers of names the catalog does not list (ignored; in production impossible: names are an enum). */
  unknown: FoundHandler[];
}

export function checkHandlers(jobNames: readonly string[], found: readonly FoundHandler[]): HandlerCheck {
  const byName = new Map<string, string[]>();
  const unknown: FoundHandler[] = [];
  for (const handler of found) {
    if (!jobNames.includes(handler.name)) {
      unknown.push(handler);
      continue;
    }
    byName.set(handler.name, [...(byName.get(handler.name) ?? []), handler.className]);
  }
  return {
    missing: jobNames.filter((name) => !byName.has(name)),
    duplicates: [...byName.entries()]
      .filter(([, classes]) => classes.length > 1)
      .map(([name, classNames]) => ({ name, classNames })),
    unknown,
  };
}

/** The start-up refusal message, or null when every job name has exactly one handler. */
export function handlerCheckError(check: HandlerCheck): string | null {
  const problems: string[] = [];
  for (const name of check.missing)
    problems.push(`job "${name}" has no @JobHandler (import its feature's jobs module in WorkerModule)`);
  for (const dup of check.duplicates)
    problems.push(`job "${dup.name}" has ${dup.classNames.length} handlers: ${dup.classNames.join(', ')}`);
  return problems.length ? `The worker refuses to start:\n  - ${problems.join('\n  - ')}` : null;
}
