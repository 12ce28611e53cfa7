import { hash } from 'node:crypto';

/**
 * Identity and change detection, not security: one-shot MD5 (crypto.hash) is the cheapest
 * digest Node offers, several times faster than createHash for short strings.
 */
export const digest = (text: string): string => hash('md5', text, 'hex');
