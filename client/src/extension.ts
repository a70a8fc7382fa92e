// VS Code extension entry point (filled in by the client work).
export function activate(): void {}
export function deactivate(): void {}
