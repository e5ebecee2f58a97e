import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import type { PublicDirectoryService } from './public-directory.service';
import { PublicDirectoryArgs, PublicDirectoryEntry } from './public-directory.types';

@Resolver()
export class PublicDirectoryResolver {
  constructor(private readonly directory: PublicDirectoryService) {}

  @Public()
  @Query(() => [PublicDirectoryEntry], {
    description:
      'The public directory (danh bạ công khai), no account: serving cadres and units whose name holds every word of the search, without regard to accents or case, for a citizen naming whom a report concerns (give the ids in SubmitReportInput.concerns). Only names, post titles and unit names. A search shorter than 3 characters is BAD_USER_INPUT (reason SEARCH_TOO_SHORT); limited per client address (RATE_LIMITED).',
  })
  publicDirectory(@Args() args: PublicDirectoryArgs, @Ctx() ctx: RequestContext): Promise<PublicDirectoryEntry[]> {
    return this.directory.search(ctx, args.search, args.first);
  }
}
