// Language server entry point (filled in by the LSP work).
export {};
