import { buildApp } from './app.ts';
import { configFromEnv } from './config.ts';
import { lanAddresses } from './routes/system.ts';

const config = configFromEnv(process.env);
const app = await buildApp(config, {
  logger: process.env.LOG === '1',
  onGeneratedAdminPassword: (password) =>
    console.log(`
  Účet správce / administrator account:  admin
  Heslo / password:                     ${password}
  (zobrazeno jen teď / shown only now: přihlaste se a změňte ho v „Můj účet“ / log in and change it under "My account")
`),
});
await app.listen({ port: config.port, host: config.host });

const port = (app.server.address() as { port: number }).port;
const lan = config.publicUrl ? [config.publicUrl] : lanAddresses().map((ip) => `http://${ip}:${port}`);
console.log(`
  Dílna běží / is running
  Na tomto počítači / on this computer:  http://localhost:${port}
${lan.map((url) => `  Pro účastníky / for participants:     ${url}`).join('\n') || '  (no network address found: connect to a Wi-Fi or hotspot)'}
  Data: ${config.dataDir}

  1. Otevřete adresu v prohlížeči, přihlaste se, založte pracovní skupinu a setkání.
     Open the address, log in, create a working group and a meeting.
  2. Přidejte aktivity do programu a otevřete projektor na plátně.
     Add activities to the agenda and open the projector view on the big screen.
  3. Účastníci naskenují QR kód nebo zadají šestimístný kód na ${lan[0] ?? `http://localhost:${port}`}/join
     Participants scan the QR code or type the six-digit code.
`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void app.close().then(() => process.exit(0));
  });
}
