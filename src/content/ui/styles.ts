// Our UI's look, inside the shadow root only: quiet, close to Skolon's admin pages (white cards,
// blue primary buttons), with a dark variant that follows the system. Sizes in px, because the
// host page's root font size is not ours to rely on. What only the parts loaded on demand show (the
// overlays, the result card, the forms) is their own: parts-style.tsx.
// The styles are content.css, minified into this string by the build (vite's ?inline).
import css from './content.css?inline';

export const CONTENT_CSS: string = css;
