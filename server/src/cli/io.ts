import type { Vfs } from '../load/vfs';

/** What the CLI touches outside itself (tests give an in-memory one). */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  vfs: Vfs;
  /** Standard output is a terminal (colours). */
  isTTY: boolean;
  /** Standard error is a terminal (progress of long runs). */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  writeFile: (p: string, content: string) => void;
  /** Appends (the GitHub job summary); falls back to reading and writing through `vfs`/`writeFile`. */
  appendFile?: (p: string, content: string) => void;
  /** Asks a question on the terminal and returns the answer line (absent when not interactive). */
  prompt?: (question: string) => string | undefined;
}
