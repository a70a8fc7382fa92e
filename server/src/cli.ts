// Command-line entry point (filled in by the CLI work).
export {};
