import { notFound } from '../../common/errors';

export const UnitErrors = {
  /** Also for units outside a UNIT_HEAD's subtree: their existence is not revealed. */
  unitNotFound: (id: string) => notFound('Unit', id),
};
