import { conflict, rateLimited, unauthenticated, withReason } from '../../common/errors';

export const AccountErrors = {
  /** One message for an unknown email and a wrong password, so the answer reveals neither. */
  wrongCredentials: () => withReason(unauthenticated('Email hoặc mật khẩu không đúng'), 'WRONG_CREDENTIALS'),
  disabled: () =>
    withReason(unauthenticated('Tài khoản này đã bị khóa; mã đăng nhập của nó không còn dùng được'), 'ACCOUNT_DISABLED'),
  tokenRevoked: () =>
    withReason(unauthenticated('Mã đăng nhập này đã bị thu hồi (tài khoản vừa thay đổi); hãy đăng nhập lại'), 'TOKEN_REVOKED'),
  emailTaken: (email: string) => conflict(`Đã có tài khoản dùng email ${email}`, { email, reason: 'EMAIL_TAKEN' }),
  tooManyFailures: (retryAfterSeconds: number) =>
    withReason(
      rateLimited(`Đăng nhập sai quá nhiều lần; hãy thử lại sau ${retryAfterSeconds} giây`, retryAfterSeconds),
      'TOO_MANY_FAILED_SIGN_INS',
    ),
};
