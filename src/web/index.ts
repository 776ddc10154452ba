/**
 * The review web page (issue 7): a small fastify app over the stored draft (the storage ports). Server-rendered
 * HTML from pure views, a little progressive JavaScript served from the app, thin routes, one
 * error handler, and the guards of security.ts in front of everything.
 */
export { createReviewServer, type ReviewServerOptions } from './server.js';
export { createPageFetcher, readPageInfo, type PageFetcher, type PageInfo } from './page-info.js';
export { ReviewError, type ReviewErrorCode } from './errors.js';
export { CONTENT_SECURITY_POLICY, CSRF_COOKIE, isLoopbackHost, TOKEN_COOKIE } from './security.js';
