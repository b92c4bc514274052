/** Public surface of the SocialHub v2 client; everything else in this folder is internal. */
export type { ApiCallRecord, ApiFailure, ApiResult, FailureClassification, FailureReason, HttpMethod } from './failure.ts';
export type { MemberListParams, SocialHubClient, SocialHubClientOptions } from './client.ts';
export { createSocialHubClient, TIMEOUT_MS_DEFAULT } from './client.ts';
export type { BaseUrlCheck } from './base-url-policy.ts';
export { checkBaseUrl, isLoopbackHost } from './base-url-policy.ts';
export type { RetryAfterOptions } from './retry-after.ts';
export { parseRetryAfter, RETRY_AFTER_MAX_MS_DEFAULT } from './retry-after.ts';
export type { PageParams } from './path.ts';
export type { FetchPage, Page, PaginateOptions } from './paginate.ts';
export { paginate, paginateLedger, paginateMembers, paginateStores, PaginationError } from './paginate.ts';
export { checkLiveOrigin, DEFAULT_ORIGIN_ALLOW_LIST, hostAllowed, originAllowListSchema, originOf } from './origin-allow-list.ts';
export type { LiveOriginCheck, LiveOriginPolicy, OriginAllowList } from './origin-allow-list.ts';
