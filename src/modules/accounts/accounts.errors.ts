import { conflict, rateLimited, unauthenticated } from '../../common/errors';

export const AccountErrors = {
  /** One message for an unknown email and a wrong password, so the answer reveals neither. */
  wrongCredentials: () => unauthenticated('The email or password is wrong'),
  disabled: () => unauthenticated('This account is disabled; its tokens no longer work'),
  tokenRevoked: () => unauthenticated('This token was revoked (the account changed); sign in again'),
  emailTaken: (email: string) => conflict(`An account with the email ${email} already exists`, { email }),
  tooManyFailures: (retryAfterSeconds: number) =>
    rateLimited(`Too many failed sign-ins; try again in ${retryAfterSeconds} seconds`, retryAfterSeconds),
};
