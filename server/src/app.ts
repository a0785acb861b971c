import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { SESSION_COOKIE, SOCKET_PATH, YJS_PATH, parseRoom } from '@dilna/shared';
import { DocRegistry } from './collab/docs.ts';
import { syncMeetingDocs } from './collab/meeting-doc.ts';
import { MinutesDocs } from './collab/minutes-doc.ts';
import { YjsServer } from './collab/yjs-server.ts';
import type { AppConfig } from './config.ts';
import { openDb } from './db/client.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { webPlugin } from './plugins/web.ts';
import { Notifier } from './realtime/notifier.ts';
import { originPolicy } from './realtime/origin.ts';
import { createPhoneChannel } from './realtime/phones.ts';
import { createRepositories } from './repositories/index.ts';
import { groupRoutes } from './routes/groups.ts';
import { joinRoutes } from './routes/join.ts';
import { KEY_HEADER, meetingRoutes } from './routes/meetings.ts';
import { VERSION, systemRoutes } from './routes/system.ts';
import { IntentsService } from './services/intents.ts';
import { LiveService } from './services/live.ts';
import { MeetingsService } from './services/meetings.ts';
import { MinutesService } from './services/minutes.ts';
import { ParticipantsService } from './services/participants.ts';
import { ResultsService } from './services/results.ts';
import { BoardRules } from './services/rules.ts';
import { SeatingService } from './services/seating.ts';
import { resultRoutes } from './routes/results.ts';
import { seatingRoutes } from './routes/seating.ts';
import { minutesRoutes } from './routes/minutes.ts';
import { accountRoutes } from './routes/accounts.ts';
import { SessionAuth } from './routes/session-auth.ts';
import { AccountsService } from './services/accounts.ts';
import { archiveRoutes } from './routes/archive.ts';
import { ArchiveService } from './services/archive.ts';
import { SnapshotsService } from './services/snapshots.ts';
import { searchRoutes } from './routes/search.ts';
import { SearchIndexer } from './services/search-index.ts';
import { SearchService } from './services/search.ts';
import { dataRoutes } from './routes/data.ts';
import { ArchiveExport } from './services/archive-export.ts';
import { RetentionService } from './services/retention.ts';
import { continueRoutes } from './routes/continue.ts';
import { ContinueService } from './services/continue.ts';
import { catalogueRoutes } from './routes/catalogues.ts';
import { planRoutes } from './routes/plans.ts';
import { CataloguesService } from './services/catalogues.ts';
import { PlanExportService } from './services/plan-export.ts';
import { PlansService } from './services/plans.ts';

/** Largest JSON body the API accepts. */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the whole application; `server.ts` alone listens. On the first start it creates the
 * administrator; a password it had to make up goes to `onGeneratedAdminPassword`, once.
 */
export async function buildApp(
  config: AppConfig,
  options: { logger?: boolean | { stream: NodeJS.WritableStream }; onGeneratedAdminPassword?: (password: string) => void } = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT_BYTES, trustProxy: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = openDb(join(config.dataDir, 'dilna.sqlite'));
  const repos = createRepositories(db);
  const notifier = new Notifier();
  const docs = new DocRegistry(repos.yjs, { compactEvery: 500, idleUnloadMs: config.docIdleUnloadMs ?? 30_000 });
  const live = new LiveService(repos, docs);
  const meetings = new MeetingsService(repos, docs, notifier);
  const participants = new ParticipantsService(repos, notifier);
  const rules = new BoardRules(repos, docs);
  const seating = new SeatingService(repos, docs, rules, meetings, notifier);
  const intents = new IntentsService(repos, docs, rules, seating, notifier);
  const results = new ResultsService(repos, docs, meetings, intents, notifier);
  const meetingDocs = syncMeetingDocs(notifier, docs, live);
  const minutesDocs = new MinutesDocs(notifier, docs, repos);
  const minutes = new MinutesService(repos, docs, minutesDocs, meetings);
  const snapshots = new SnapshotsService(repos, docs, notifier, { intervalMs: config.snapshotIntervalMs ?? 3 * 60_000 });
  const groupArchive = new ArchiveService(repos, snapshots);
  const searchIndex = new SearchIndexer(repos, docs, notifier, (error) => app.log.error(error, 'search index'));
  const accounts = new AccountsService(repos, config.sessionMaxAgeMs);
  const auth = new SessionAuth(accounts, config.cookieSecure);
  const plans = new PlansService(repos, docs);
  const catalogues = new CataloguesService(repos);
  catalogues.seed();
  const planExport = new PlanExportService(plans, catalogues);
  const archive = new ArchiveExport(repos, docs, meetings, minutesDocs, minutes, plans, planExport);
  const retention = new RetentionService(repos, meetings);
  const stopRetention = retention.start(config.clock);
  const continuing = new ContinueService(repos, docs, notifier);
  const admin = await accounts.ensureAdmin(config.adminPassword);
  if (admin?.generated) options.onGeneratedAdminPassword?.(admin.generated);

  await app.register(errorsPlugin);
  await app.register(fastifyCookie, { secret: config.cookieSecret });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Dílna API', version: VERSION, description: 'Accounts and sessions, groups and their members, meetings, agendas of boards, joining, the minutes and their exports, plans (goals, measures, activity cards) with their catalogues, promotions and exports.' },
      components: {
        securitySchemes: {
          meetingKey: { type: 'apiKey', in: 'header', name: KEY_HEADER },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  await app.register(
    async (api) => {
      await api.register(systemRoutes, { publicUrl: config.publicUrl });
      await api.register(accountRoutes, { accounts, auth });
      await api.register(groupRoutes, { meetings, auth });
      await api.register(meetingRoutes, { meetings, auth });
      await api.register(resultRoutes, { results });
      await api.register(seatingRoutes, { seating });
      await api.register(minutesRoutes, { minutes, auth });
      await api.register(joinRoutes, { participants });
      await api.register(archiveRoutes, { archive: groupArchive, auth });
      await api.register(searchRoutes, { search: new SearchService(repos), auth });
      await api.register(dataRoutes, { archive, retention, auth });
      await api.register(continueRoutes, { continuing, auth });
      await api.register(planRoutes, { plans, planExport, auth });
      await api.register(catalogueRoutes, { catalogues, auth });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );
  await app.register(webPlugin, { webDir: config.webDir });

  const allowOrigin = originPolicy([...(config.allowedOrigins ?? []), ...(config.publicUrl ? [config.publicUrl] : [])]);
  const yjs = new YjsServer(
    docs,
    (room, key, req) => {
      const parsed = parseRoom(room);
      if (parsed?.type !== 'plan') return meetings.authorizeRoom(room, key);
      const token = app.parseCookie(req.headers.cookie ?? '')[SESSION_COOKIE];
      return plans.authorizeRoom(room, parsed.id, key, () => accounts.session(token)?.user ?? null);
    },
    allowOrigin,
    config.yjsAccessCheckMs,
  );
  yjs.attach(app.server);
  const phones = createPhoneChannel(app.server, {
    notifier,
    docs,
    live,
    participants,
    intents,
    allowOrigin,
    unsign: (value) => {
      const result = app.unsignCookie(value);
      return result.valid ? result.value : null;
    },
  });

  // socket.io leaves foreign upgrades alone (destroyUpgrade: false) so that Yjs can take them;
  // an upgrade that neither claims would otherwise hang open and hold up shutdown.
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith(`${YJS_PATH}/`) || path.startsWith(`${SOCKET_PATH}/`)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  // The HTTP server only finishes closing once every connection has ended, and WebSockets
  // (Yjs, socket.io) never end on their own: end them before it closes, not after.
  app.addHook('onReady', async () => searchIndex.start());
  app.addHook('preClose', async () => {
    yjs.close();
    phones.disconnectAll();
  });
  app.addHook('onClose', async () => {
    stopRetention();
    await phones.close();
    intents.flush();
    snapshots.flush();
    meetingDocs.flush();
    minutesDocs.flush();
    searchIndex.flush();
    docs.close();
    db.$client.close();
  });
  return app;
}
