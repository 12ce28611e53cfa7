/**
 * highlight.js with only the languages card code blocks use (keeps the bundle small). One
 * list for the app and for exports made in Node, so a code block looks the same in both.
 */
export { highlight } from '../../../core/render/highlight.ts';
