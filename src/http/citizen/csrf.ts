import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Double-submit CSRF tokens for the citizen's forms: the same random token in a hidden field
 * and in a cookie that exists only while a form is open (`HttpOnly; SameSite=Strict`, scoped to
 * the form's path). No other cookie is ever set by these pages.
 */
const COOKIE = 'csrf';
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

function cookieToken(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) {
      const value = rest.join('=');
      return TOKEN.test(value) ? value : undefined;
    }
  }
  return undefined;
}

function cookie(req: Request, path: string, value: string, maxAge?: number): string {
  return [
    `${COOKIE}=${value}`,
    `Path=${path}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(req.secure ? ['Secure'] : []),
    ...(maxAge !== undefined ? [`Max-Age=${maxAge}`] : []),
  ].join('; ');
}

/** The token for a form being shown: the one already in the cookie, or a new one set now (a session cookie). */
export function openForm(req: Request, res: Response, path: string): string {
  const token = cookieToken(req) ?? randomBytes(24).toString('base64url');
  res.setHeader('set-cookie', cookie(req, path, token));
  return token;
}

/** Removes the cookie once the form it protected was sent. */
export function closeForm(req: Request, res: Response, path: string): void {
  res.setHeader('set-cookie', cookie(req, path, '', 0));
}

/** Is the posted token the cookie's? Constant time. */
export function formTokenValid(req: Request, posted: string | undefined): boolean {
  const expected = cookieToken(req);
  if (!expected || !posted || posted.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(posted));
}
