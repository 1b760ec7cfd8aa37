/**
 * Creates or updates THE preview comment of a pull request through the GitHub REST API: the first
 * issue comment whose body starts with the preview marker (and, when given, was written by `author`) is
 * updated, otherwise one is created. Endpoints (GitHub REST "Issue comments"):
 * `GET /repos/{owner}/{repo}/issues/{number}/comments`, `PATCH /repos/{owner}/{repo}/issues/comments/{id}`,
 * `POST /repos/{owner}/{repo}/issues/{number}/comments`. The HTTP call is injected, so tests run it
 * without a network, and `dryRun` prints the calls instead of making the mutating one.
 */
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT } from '../preview/render';

/** One HTTP request. */
export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  readonly body?: { readonly body: string };
}

/** What an HTTP call returns. */
export interface ApiResponse {
  readonly status: number;
  readonly json: unknown;
}

/** Makes one HTTP request (headers, including the token, are the caller's business). */
export type ApiCall = (request: ApiRequest) => Promise<ApiResponse>;

/** Where and what to comment. */
export interface CommentTarget {
  /** `https://api.github.com`, or a GitHub Enterprise Server API URL. */
  readonly apiUrl: string;
  /** `owner/name`. */
  readonly repository: string;
  readonly pullRequest: number;
  readonly body: string;
  /** Only a comment by this login is updated (e.g. `github-actions[bot]`). @default any author */
  readonly author?: string;
}

/** What was done. */
export interface CommentOutcome {
  readonly action: 'created' | 'updated';
  readonly id?: number;
  readonly url?: string;
}

/** An API call failed or the target is invalid; the CLI shows its message on one line. */
export class GitHubCommentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitHubCommentError';
  }
}

/** Most pages of 100 comments read when looking for the marker. */
const MAX_PAGES = 50;

/** Checks a target before anything is sent. */
export function validateTarget(target: CommentTarget): void {
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(target.apiUrl))
    throw new GitHubCommentError(`API URL must be https://..., got "${target.apiUrl}"`);
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(target.repository))
    throw new GitHubCommentError(`repository must be owner/name, got "${target.repository}"`);
  if (!Number.isInteger(target.pullRequest) || target.pullRequest <= 0)
    throw new GitHubCommentError('pull request number must be a positive integer');
  if (!target.body.startsWith(COMMENT_MARKER))
    throw new GitHubCommentError(`the comment does not start with the marker ${COMMENT_MARKER}`);
  if (target.body.length > GITHUB_COMMENT_LIMIT)
    throw new GitHubCommentError(
      `the comment has ${target.body.length} characters; GitHub accepts at most ${GITHUB_COMMENT_LIMIT}`,
    );
}

/** Finds the preview comment and updates it, or creates one. */
export async function upsertComment(target: CommentTarget, call: ApiCall): Promise<CommentOutcome> {
  validateTarget(target);
  const base = `${target.apiUrl.replace(/\/+$/, '')}/repos/${target.repository}`;
  const existing = await findComment(base, target, call);
  const request: ApiRequest = existing
    ? { method: 'PATCH', url: `${base}/issues/comments/${existing}`, body: { body: target.body } }
    : { method: 'POST', url: `${base}/issues/${target.pullRequest}/comments`, body: { body: target.body } };
  const response = await checked(call, request);
  const json = response.json as { id?: unknown; html_url?: unknown } | null;
  return {
    action: existing ? 'updated' : 'created',
    ...(typeof json?.id === 'number' ? { id: json.id } : {}),
    ...(typeof json?.html_url === 'string' ? { url: json.html_url } : {}),
  };
}

async function findComment(base: string, target: CommentTarget, call: ApiCall): Promise<number | undefined> {
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const url = `${base}/issues/${target.pullRequest}/comments?per_page=100&page=${page}`;
    const { json } = await checked(call, { method: 'GET', url });
    if (!Array.isArray(json)) throw new GitHubCommentError(`GET ${url}: expected a list of comments`);
    for (const comment of json as { id?: unknown; body?: unknown; user?: { login?: unknown } }[]) {
      const mine = target.author === undefined || comment.user?.login === target.author;
      if (mine && typeof comment.body === 'string' && comment.body.startsWith(COMMENT_MARKER)) {
        if (typeof comment.id === 'number') return comment.id;
      }
    }
    if (json.length < 100) return undefined;
  }
  return undefined;
}

async function checked(call: ApiCall, request: ApiRequest): Promise<ApiResponse> {
  const response = await call(request);
  if (response.status < 200 || response.status >= 300) {
    const message = (response.json as { message?: unknown } | null)?.message;
    const why = typeof message === 'string' ? ` (${message.slice(0, 200).replace(/\s+/g, ' ')})` : '';
    throw new GitHubCommentError(`${request.method} ${request.url}: HTTP ${response.status}${why}`);
  }
  return response;
}

/** An ApiCall over `fetch` with the token; the token never appears in messages. */
export function fetchCall(token: string, fetchImpl: typeof fetch = fetch): ApiCall {
  return async (request) => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${token}`,
        'X-GitHub-Api-Version': '2022-11-28',
        'User-Agent': 'acr-iac',
        ...(request.body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(request.body ? { body: JSON.stringify(request.body) } : {}),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json };
  };
}

/**
 * An ApiCall that sends nothing and prints each call: the listing answers with no comments (a dry run
 * cannot know them), so the plan shown is GET, then POST; with a comment found it would be PATCH.
 */
export function dryRunCall(print: (line: string) => void): ApiCall {
  return async (request) => {
    const size = request.body ? ` (body: ${request.body.body.length} characters)` : '';
    print(`${request.method} ${request.url}${size}`);
    return { status: request.method === 'POST' ? 201 : 200, json: request.method === 'GET' ? [] : null };
  };
}
