import { readFileSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any passphrase; bounded so a megabyte "password" is refused before it is hashed. */
export const MAX_PASSWORD_LENGTH = 128;

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

/** Rows a hand runs along: a password that is a stretch of one of these (either way) is guessed at once. */
const RUNS = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
];

/**
 * 密码规则: at least 10 characters, not only spaces, not one character or a short group repeated, not a
 * run along the keyboard or the alphabet, not one of the common passwords, not the user name. Returns why
 * the password is refused, in Chinese, or undefined when it is acceptable. Length rather than character
 * classes: NIST SP 800-63B §5.1.1.2 (a list of known-bad passwords, no composition rules).
 */
export function passwordProblem(password: string, username = ''): string | undefined {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (chars.length > MAX_PASSWORD_LENGTH) return `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`;
  if (!password.trim()) return '密码不能全是空格';
  const lower = password.toLowerCase();
  if (new Set(chars).size <= 2 || /^(.{1,5}?)\1+$/su.test(lower)) return '密码不能由重复的字符组成';
  if (RUNS.some((run) => run.includes(lower) || [...run].reverse().join('').includes(lower)))
    return '密码不能是键盘或字母表上的连续字符（如 1234567890、qwertyuiop）';
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d!@#$%^&*.]+$/, '')))
    return '这个密码太常见，容易被猜中，请换一个';
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return '密码不能包含用户名';
  return undefined;
}
