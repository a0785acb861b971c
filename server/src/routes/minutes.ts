import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, locales } from '@dilna/shared';
import type { MinutesFormat, MinutesService } from '../services/minutes.ts';
import { keyOf } from './meetings.ts';

const security = [{ meetingKey: [] }];

export const minutesRoutes: FastifyPluginAsyncZod<{ minutes: MinutesService }> = async (app, { minutes }) => {
  for (const [format, name] of [
    ['md', 'Markdown'],
    ['docx', 'DOCX (Word, LibreOffice)'],
  ] as [MinutesFormat, string][]) {
    app.get(
      `/meetings/:meetingId/minutes.${format}`,
      {
        schema: {
          summary: `The meeting's minutes with every board's results, as ${name} (facilitator, editor)`,
          security,
          params: z.object({ meetingId: idSchema }),
          querystring: z.object({ lang: z.enum(locales).default('cs') }),
        },
      },
      async (req, reply) => {
        const file = await minutes.export(req.params.meetingId, keyOf(req), format, req.query.lang);
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
      },
    );
  }
};
