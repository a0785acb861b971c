import { boardKind, minutesView } from '@dilna/shared';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { DocRegistry } from '../collab/docs.ts';
import type { MinutesDocs } from '../collab/minutes-doc.ts';
import type { UserRow } from '../repositories/accounts.ts';
import type { Repositories } from '../repositories/index.ts';
import { HttpError } from './errors.ts';
import type { MeetingsService } from './meetings.ts';
import type { PlanExportService } from './plan-export.ts';
import type { PlansService } from './plans.ts';
import { slug, type MinutesService } from './minutes.ts';
import { resultsCsv } from './results.ts';
import { boardViewOf } from './rules.ts';

/**
 * Largest archive (its files before compression) built in memory. A group's few dozen meetings make
 * a few megabytes; the cap keeps one request from taking the server's memory whatever a group holds.
 */
export const ARCHIVE_CAP_BYTES = 256 * 1024 * 1024;

const README = `Archiv pracovní skupiny z Dílny
===============================

archiv.json
  Celý archiv skupiny strojově čitelně (JSON): skupina, její setkání (datum, místo, název),
  u každého setkání jeho aktivity (druh, název, stav, nastavení a výsledky tak, jak je ukazuje
  projektor) a zápis (prezence, body programu, úkoly).
  Nejsou v něm tajné odkazy setkání, jména a organizace, které účastníci zadali na telefonu,
  ani to, kdo jak odpověděl. Prezence v zápisu je taková, jak ji zapsal zapisovatel.

Složka každého setkání (datum a název)
  <datum> <název> zápis.docx   Zápis ze setkání s výsledky všech aktivit (Word, LibreOffice).
  NN <aktivita>.csv            Výsledky jedné aktivity jako tabulka (Excel, LibreOffice; UTF-8).

Složka plány
  <plán> karty.docx            Karty rozvojových aktivit plánu skupiny, jedna na stránku.
  Cíle, opatření a karty plánů (i s tím, odkud pocházejí) jsou také v archiv.json.
`;

/** A file or folder name as the title reads (Czech letters kept), without what Windows or a path forbid. */
const safeName = (title: string) =>
  title
    .replace(/[\p{Cc}<>:"/\\|?*]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 80)
    .trim();

/** A group's whole archive as one zip: JSON of everything, each meeting's minutes as DOCX, each board's results as CSV. */
export class ArchiveExport {
  constructor(
    private readonly repos: Repositories,
    private readonly docs: DocRegistry,
    private readonly meetings: MeetingsService,
    private readonly minutesDocs: MinutesDocs,
    private readonly minutes: MinutesService,
    private readonly plans: PlansService,
    private readonly planExport: PlanExportService,
  ) {}

  /**
   * Built in memory, not streamed: the DOCX renderer is asynchronous and any meeting may fail, and a
   * reply that has begun cannot turn into an error any more, only into a broken zip.
   */
  async build(groupId: string, user: UserRow, now = new Date()): Promise<{ filename: string; body: Uint8Array }> {
    const group = this.meetings.getGroup(groupId, user);
    const files: Zippable = { 'README.txt': strToU8(README.replace(/\n/g, '\r\n')) };
    let size = 0;
    const add = (path: string, content: Uint8Array, compress = true) => {
      size += content.length;
      if (size > ARCHIVE_CAP_BYTES) throw new HttpError(413, 'payload_too_large', 'the archive is larger than this server builds at once');
      files[path] = compress ? content : [content, { level: 0 }];
    };
    const folders = new Set<string>();
    const meetings = [];
    // Oldest first, as an archive reads.
    for (const summary of [...group.meetings].reverse()) {
      const meeting = this.repos.meetings.get(summary.id)!;
      const folder = unique(folders, `${meeting.startsAt.slice(0, 10)} ${safeName(meeting.title) || 'setkani'}`);
      const docx = await this.minutes.export(meeting.id, undefined, user, 'docx', undefined);
      // Named in full, so that a copy taken out of its folder still says which meeting it is.
      const minutesFile = `${folder}/${folder} zápis.docx`;
      // A DOCX is itself a zip: compressing it again gains nothing.
      add(minutesFile, docx.body as Uint8Array, false);
      const names = new Set<string>();
      const boards = this.repos.boards.listByMeeting(meeting.id).map((board, index) => {
        const kind = boardKind(board.kind);
        const csv = resultsCsv(this.docs, board, meeting.language);
        const file = csv === null ? null : `${folder}/${unique(names, `${String(index + 1).padStart(2, '0')} ${safeName(board.title) || board.kind}`)}.csv`;
        if (file) add(file, strToU8(csv!));
        return {
          id: board.id,
          kind: board.kind,
          title: board.title,
          status: board.status,
          settings: board.settings,
          continuedFrom: board.continuedFrom,
          view: kind ? boardViewOf(this.docs, kind, board.id) : null,
          results: file,
        };
      });
      meetings.push({
        id: meeting.id,
        title: meeting.title,
        startsAt: meeting.startsAt,
        place: meeting.place,
        language: meeting.language,
        participants: this.repos.participants.countByMeeting(meeting.id),
        participantsErasedAt: meeting.participantsErasedAt,
        folder,
        boards,
        minutes: { file: minutesFile, ...minutesView(this.minutesDocs.current(meeting.id)) },
      });
    }
    const planFiles = new Set<string>();
    const plans = [];
    for (const plan of this.repos.plans.listByGroup(groupId)) {
      const view = this.plans.view(plan.id);
      const file = `plány/${unique(planFiles, safeName(plan.title) || 'plan')} karty.docx`;
      add(file, await this.planExport.cardsDocx(plan, view, 'cs'), false);
      plans.push({ id: plan.id, title: plan.title, period: plan.period, createdAt: plan.createdAt, docx: file, ...view });
    }
    const archive = {
      format: 'dilna-archive',
      version: 1,
      exportedAt: now.toISOString(),
      group: { id: group.id, name: group.name, description: group.description, createdAt: group.createdAt },
      meetings,
      plans,
    };
    add('archiv.json', strToU8(JSON.stringify(archive, null, 2)));
    const date = now.toISOString().slice(0, 10);
    return { filename: `dilna-${slug(group.name) || 'skupina'}-${date}.zip`, body: zipSync(files) };
  }
}

/** `name`, or with a number after it if the set holds it already; the result is added to the set. */
function unique(taken: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
