// Language server entry point (dist/server.js): the client starts it over IPC. See server/src/lsp/.
import { startServer } from './lsp/server';

startServer();
