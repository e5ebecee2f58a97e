import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AppError, ErrorCode } from '../../common/errors';
import { Role } from '../../common/role.enum';
import type { RequestContext } from '../../graphql/context';
import { EvidenceFile } from './evidence-file.entity';
import { isChair } from './identity-custodian.service';
import { readsUnredacted } from './report-redaction.resolver';
import type { Report } from './report.entity';

/** Extensions a neutral name may carry, by checked content type (the name's own extension agrees with it). */
const EXTENSION_OF: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};

/**
 * The name everyone but the handler and the custodian sees: `tep-dinh-kem-3.pdf` for the third
 * file of a report. Nothing of the uploaded name but its checked extension (`m4a` stays `m4a`).
 */
export function neutralFileName(place: number, contentType: string, uploadedName: string): string {
  const own = /\.([a-z0-9]{1,5})$/i.exec(uploadedName)?.[1]?.toLowerCase();
  const ext = own && Object.values(EXTENSION_OF).concat('jpeg', 'm4a').includes(own) ? own : EXTENSION_OF[contentType];
  return `tep-dinh-kem-${place}${ext ? `.${ext}` : ''}`;
}

/**
 * Whether the caller reads a report's evidence as uploaded (original bytes, original names): the
 * handler, and the chair of the Inspection Committee (the identity custodian) while a request to
 * read the reporter's identity on that report stands granted. The chair's standing follows the
 * designation: an account that is no longer chair reads the redacted copies at once.
 */
export async function readsOriginalEvidence(ctx: RequestContext, report: Pick<Report, 'id' | 'handlerId'>): Promise<boolean> {
  if (readsUnredacted(ctx, report)) return true;
  if (ctx.account?.role !== Role.INSPECTION_COMMITTEE || !(await isChair(ctx))) return false;
  return ctx.loaders.identityGrantedOnReport.load(report.id);
}

/** FORBIDDEN: a verifier asked for a file the handler has not yet uploaded a redacted copy of. Names no file. */
export const redactedCopyPending = () =>
  new AppError(
    ErrorCode.FORBIDDEN,
    'Tài liệu này chỉ được tải về khi người xử lý đơn đã tải lên bản đã che thông tin người tố cáo; trước đó chỉ xem được loại tệp, dung lượng và mã kiểm tra.',
    { reason: 'REDACTED_COPY_PENDING' },
  );

/** FORBIDDEN: only the report's handler uploads a redacted copy. */
export const notHandlerForRedactedCopy = () =>
  new AppError(
    ErrorCode.FORBIDDEN,
    'Chỉ ủy viên Ủy ban Kiểm tra đang được giao xử lý đơn mới được tải lên bản đã che của tài liệu.',
    { reason: 'NOT_HANDLER' },
  );

/**
 * What `GET /files/{id}` sends the caller, for a row it may see: the original (with its uploaded
 * name) to the handler and the custodian; otherwise the newest redacted copy under the neutral
 * name, or FORBIDDEN (REDACTED_COPY_PENDING) while there is none. A redacted copy asked for by
 * its own id goes to anyone who may read the report.
 */
export async function evidenceToServe(
  ctx: RequestContext,
  report: Pick<Report, 'id' | 'handlerId'>,
  file: EvidenceFile,
  newestCopyOf: (originalId: string) => Promise<EvidenceFile | null>,
): Promise<{ serve: EvidenceFile; name: string }> {
  if (file.redactedCopyOfId) return { serve: file, name: file.neutralName };
  if (await readsOriginalEvidence(ctx, report)) return { serve: file, name: file.fileName };
  const copy = await newestCopyOf(file.id);
  if (!copy) throw redactedCopyPending();
  return { serve: copy, name: file.neutralName };
}

@Resolver(() => EvidenceFile)
export class EvidenceFileResolver {
  @FieldResolver(() => String, {
    description:
      'File name: as uploaded (cleaned) for the handler and the identity custodian; for everyone else a neutral name (`tep-dinh-kem-1.pdf`), since an uploaded name may name the reporter.',
  })
  async fileName(@Root() file: EvidenceFile, @Ctx() ctx: RequestContext): Promise<string> {
    if (file.redactedCopyOfId) return file.neutralName;
    const report = await ctx.loaders.reportById.load(file.reportId);
    return report && (await readsOriginalEvidence(ctx, report)) ? file.fileName : file.neutralName;
  }

  @FieldResolver(() => EvidenceFile, {
    nullable: true,
    description:
      'The newest redacted copy (bản đã che) the handler uploaded for verifiers, under the neutral name; null until there is one. Download it through GET /files/{id} with its own id, or the original’s.',
  })
  redactedCopy(@Root() file: EvidenceFile): EvidenceFile | null {
    return file.redactedCopy ?? null;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether GET /files/{id} gives the caller something: always for the handler and the identity custodian (the original), for everyone else once a redacted copy exists.',
  })
  async downloadable(@Root() file: EvidenceFile, @Ctx() ctx: RequestContext): Promise<boolean> {
    if (file.redactedCopyOfId || file.redactedCopy) return true;
    const report = await ctx.loaders.reportById.load(file.reportId);
    return !!report && (await readsOriginalEvidence(ctx, report));
  }
}
