#!/usr/bin/env node
// Development: the API server restarting on change (port 3001) behind Vite's dev server
// with hot reload (port 5173, proxying /api, /yjs and /socket.io to the API).
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '3001';
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/src/server.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, WEB_DIR: 'web/.no-static-in-dev' },
  }),
  spawn('npm', ['run', 'dev', '-w', 'web'], { stdio: 'inherit', env: { ...process.env, API_PORT: apiPort } }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
