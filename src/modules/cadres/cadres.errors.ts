import { badInput, conflict, forbidden, notFound } from '../../common/errors';

export const CadreErrors = {
  /** Also for cadres outside a UNIT_HEAD's subtree: their existence is not revealed. */
  cadreNotFound: (id: string) => notFound('Cadre', id),
  unknownReference: (path: string, what: string, id: string) =>
    badInput(`${path}: there is no ${what} with id ${id}`, [{ path, message: `unknown ${what}` }]),
  rule: (path: string, message: string) => badInput(`${path}: ${message}`, [{ path, message }]),
  postTaken: (post: string, unit: string, holder: { id: string; fullName: string }) =>
    conflict(
      `The post "${post}" in "${unit}" already has a holder, ${holder.fullName}; it has one holder at a time. Move or end the current holder first.`,
      {
        field: 'input.postId',
        holderId: holder.id,
        holderName: holder.fullName,
      },
    ),
  employmentEnded: (id: string, status: string) =>
    conflict(`Cadre ${id} is no longer employed (${status}); its unit, post and status can no longer change`, { id, status }),
  nothingToMove: () =>
    badInput('The cadre already holds this post in this unit: give another unitId or postId', [
      { path: 'input', message: 'no change' },
    ]),
  viewerCannotUseDateOfBirth: (path: string) =>
    forbidden(`${path}: dates of birth are hidden from your role, so you cannot filter or sort by age or date of birth`),
};
