import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorReplySchema, idSchema, locales } from '@dilna/shared';
import { contentTypes, minutesFormats, type MinutesFormat, type MinutesService } from '../services/minutes.ts';
import { keyOf } from './meetings.ts';
import type { SessionAuth } from './session-auth.ts';

const security: Record<string, string[]>[] = [{ meetingKey: [] }, { session: [] }];

/** A file body for the API doc; the reply sends it as it is (text or bytes), never through a JSON serializer. */
const file = (format?: 'binary') => z.any().meta({ type: 'string', ...(format ? { format } : {}) });

const described: Record<MinutesFormat, { name: string; body: z.ZodAny; disposition: 'attachment' | 'inline' }> = {
  md: { name: 'Markdown', body: file(), disposition: 'attachment' },
  docx: { name: 'DOCX (Word, LibreOffice: A4, page numbers)', body: file('binary'), disposition: 'attachment' },
  // Shown in the browser, whose print makes the PDF.
  html: { name: 'a print-ready HTML page (A4; the browser prints it to PDF)', body: file(), disposition: 'inline' },
};

/** A style sheet is all the print page needs: no script, no outside request, whatever the minutes say. */
const PRINT_PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export const minutesRoutes: FastifyPluginAsyncZod<{ minutes: MinutesService; auth: SessionAuth }> = async (app, { minutes, auth }) => {
  for (const format of minutesFormats) {
    const { name, body, disposition } = described[format];
    app.get(
      `/meetings/:meetingId/minutes.${format}`,
      {
        schema: {
          summary: `The meeting's minutes with every board's results, as ${name} (facilitator, editor; an account in the meeting's group)`,
          description:
            "The minutes doc composed with each board's current results. Labels follow the meeting's language unless `lang` asks for another; " +
            'the file is named by date, group and title, e.g. `2025-11-19-socialni-sluzby-2-zapis.docx`.',
          security,
          params: z.object({ meetingId: idSchema }),
          querystring: z.object({ lang: z.enum(locales).optional() }),
          produces: [contentTypes[format]],
          response: {
            200: body.describe(`The minutes (Content-Disposition: ${disposition}; filename="…")`),
            401: errorReplySchema.describe('No valid key of this meeting, and not logged in'),
            403: errorReplySchema.describe('The screen link cannot export'),
            404: errorReplySchema.describe('No such meeting, or not in the group of the account'),
          },
        },
      },
      async (req, reply) => {
        const exported = await minutes.export(req.params.meetingId, keyOf(req), auth.user(req), format, req.query.lang);
        if (format === 'html') reply.header('content-security-policy', PRINT_PAGE_POLICY);
        return reply
          .header('content-type', exported.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('content-disposition', `${disposition}; filename="${exported.filename}"`)
          .send(typeof exported.body === 'string' ? exported.body : Buffer.from(exported.body));
      },
    );
  }
};
