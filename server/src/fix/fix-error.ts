/** A fix that cannot be built for this finding (the reason is shown to the user). */
export class FixError extends Error {}
